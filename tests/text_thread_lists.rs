//! Text whose HTML is gone: a board's lists of other threads under a
//! thread ("Trending threads", "More topics from this board") are not the
//! thread, though their titles read as sentences. Pages written here.

use unboil::Cleaner;

mod lines;
use lines::kept;

const THREAD: &[&str] = &[
    "Which hand plane should a beginner buy first? | Woodshop Talk",
    "Home",
    "Forums",
    "Which hand plane should a beginner buy first?",
    "oakleaf",
    "Mar 3, 2024",
    "I have been building small boxes with a saw and chisels, and I think a plane would help me square the edges. Which one should I buy first, and is an old one from a flea market worth restoring?",
    "birchbark",
    "Mar 3, 2024",
    "A number four smoothing plane is the usual first choice. An old one is fine as long as the sole is flat and the casting has no cracks, and restoring it teaches you how the parts fit together.",
    "walnutjoe",
    "Mar 4, 2024",
    "I would start with a block plane instead. It is small, cheap and you will reach for it on every project, even after you own a whole cabinet of bigger planes.",
];

const OTHERS: &[&str] = &[
    "Is it worth restoring a rusty jointer plane that my grandfather left in his shed?",
    "Mar 1, 2024",
    "What is the best way to flatten a workbench top when you do not own a long plane?",
    "Feb 27, 2024",
    "Do you really need a shoulder plane for tenons, or will a sharp chisel do the job?",
    "Feb 25, 2024",
];

#[test]
fn a_boards_lists_of_other_threads_go() {
    for heading in ["Trending threads", "More topics from this board"] {
        let text = [THREAD, &[heading], OTHERS].concat().join("\n") + "\n";
        let a = Cleaner::default().clean_text(&text);
        for line in [THREAD[6], THREAD[9], THREAD[12]] {
            assert!(kept(&a, line), "{line:?} should be kept");
        }
        for line in [OTHERS[0], OTHERS[2], OTHERS[4]] {
            assert!(
                !kept(&a, line),
                "under {heading:?}: {line:?} should be removed"
            );
        }
    }
}
