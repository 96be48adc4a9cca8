//! Text whose HTML is gone: a forum thread ends at the prompt to sign in
//! and reply under its last post. The board's blurbs after it (workshops,
//! clubs) read as prose but are not the thread. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::kept;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const HEAD: &[&str] = &[
    "Which hand plane should a beginner buy first? | Woodshop Talk",
    "Home",
    "Forums",
    "Hand Tools",
    "Which hand plane should a beginner buy first?",
    "Thread starter oakleaf",
    "Start date Mar 3, 2024",
];

const POSTS: &[&str] = &[
    "oakleaf",
    "Mar 3, 2024",
    "I have been building small boxes with a saw and chisels, and I think a plane would help me square the edges. Which one should I buy first, and is an old one from a flea market worth restoring?",
    "Reply",
    "birchbark",
    "Mar 3, 2024",
    "A number four smoothing plane is the usual first choice. An old one is fine as long as the sole is flat and the casting has no cracks, and restoring it teaches you how the parts fit together.",
    "Reply",
    "walnutjoe",
    "Mar 4, 2024",
    "I would start with a block plane instead. It is small, cheap and you will reach for it on every project, even after you own a whole cabinet of bigger planes.",
    "Reply",
];

/// The board's own blocks after the thread.
const TAIL: &[&str] = &[
    "Upcoming workshops",
    "Join our free online sessions where you will learn the basics of sharpening and setting up a plane.",
    "Find a local club",
    "Meet other woodworkers near you and share tools, tips and offcuts at a monthly evening in town.",
    "Terms and rules",
    "Privacy policy",
];

fn page(parts: &[&[&str]]) -> String {
    parts.concat().join("\n") + "\n"
}

fn posts_kept(a: &unboil::Article) {
    for line in [POSTS[2], POSTS[6], POSTS[10]] {
        assert!(kept(a, line), "{line:?} should be kept");
    }
}

#[test]
fn reply_prompts_under_the_last_post_end_the_thread() {
    for prompt in [
        "You must log in or register to reply here.",
        "Create an account or sign in to comment",
        "You need to be a member in order to leave a comment",
        "You must log in to answer this question.",
        "Sign In To Reply",
    ] {
        let a = CLEANER.clean_text(&page(&[HEAD, POSTS, &[prompt], TAIL]));
        posts_kept(&a);
        for line in [TAIL[1], TAIL[3]] {
            assert!(
                !kept(&a, line),
                "after {prompt:?}: {line:?} should be removed"
            );
        }
    }
}

/// A prompt above the posts (a banner over the thread) ends nothing, nor
/// does one printed under every post.
#[test]
fn a_prompt_above_the_posts_or_under_each_ends_nothing() {
    let prompt = "Log in to reply";
    let a = CLEANER.clean_text(&page(&[HEAD, &[prompt], POSTS]));
    posts_kept(&a);
    let each: Vec<&str> = POSTS
        .iter()
        .map(|&l| if l == "Reply" { prompt } else { l })
        .collect();
    let a = CLEANER.clean_text(&page(&[HEAD, &each]));
    posts_kept(&a);
}
