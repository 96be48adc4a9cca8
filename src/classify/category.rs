//! The kinds of junk unboil removes. The names are part of the audit format.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    SocialCta,
    AuthorBio,
    RelatedList,
    Newsletter,
    Navigation,
    CookieNotice,
    ShareButtons,
    Comments,
    Advertising,
    Legal,
    Spam,
    LowContent,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::SocialCta,
        Category::AuthorBio,
        Category::RelatedList,
        Category::Newsletter,
        Category::Navigation,
        Category::CookieNotice,
        Category::ShareButtons,
        Category::Comments,
        Category::Advertising,
        Category::Legal,
        Category::Spam,
        Category::LowContent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::SocialCta => "social_cta",
            Category::AuthorBio => "author_bio",
            Category::RelatedList => "related_list",
            Category::Newsletter => "newsletter",
            Category::Navigation => "navigation",
            Category::CookieNotice => "cookie_notice",
            Category::ShareButtons => "share_buttons",
            Category::Comments => "comments",
            Category::Advertising => "advertising",
            Category::Legal => "legal",
            Category::Spam => "spam",
            Category::LowContent => "low_content",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Sections of these kinds are made of prose, so prose does not end them.
    pub fn claims_prose(self) -> bool {
        matches!(
            self,
            Category::AuthorBio | Category::Comments | Category::Legal
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per-category counts (the run summary's `Tally`) index arrays by
    /// `category as usize`: `ALL` must list every category in that order.
    #[test]
    fn all_lists_every_category_in_declaration_order() {
        for (i, &c) in Category::ALL.iter().enumerate() {
            assert_eq!(c as usize, i, "{}", c.as_str());
        }
    }
}
