//! Evaluation against gold main texts: the benchmark metrics, snippet checks
//! and an error analysis of what the cleaner removed and kept.
//!
//! ```text
//! let gold = eval::load_gold(Path::new("bench/wcxb-dev/gold.json"))?;
//! let metric = eval::Metric::detect(&gold);
//! let report = eval::evaluate(&gold, &predictions, metric);
//! report.print(&mut std::io::stdout().lock(), 10)?;
//! println!("{}", report.to_json());
//! ```
//!
//! - [`gold`]: reading gold files (article-extraction benchmark or WCXB).
//! - [`prediction`]: what a cleaner produced for a page, and reading saved
//!   predictions.
//! - [`metrics`]: shingle F1 and word F1 per page, snippet matching.
//! - [`audit`]: judging removed blocks and kept lines against the gold.
//! - [`evaluate`](mod@evaluate): scoring a whole set.
//! - [`leftover`]: which must-not-keep snippets survive, and why.
//! - [`report`]: the result, printed or as JSON.

pub mod audit;
pub mod evaluate;
pub mod gold;
mod hash;
pub mod leftover;
pub mod metrics;
pub mod prediction;
pub mod report;
mod text;

pub use evaluate::evaluate;
pub use gold::{GoldDoc, load_gold};
pub use metrics::{Counts, Metric};
pub use prediction::{KeptBlock, Prediction, RemovedBlock, load_predictions};
pub use report::{EvalReport, PageScore, RuleTotals, SnippetRates, Summary};
