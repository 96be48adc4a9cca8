//! Loading the rule set: the built-in file plus `--rules` files, refused
//! whole before any document is read when one is bad.

use anyhow::{Context, Result};

use unboil::RuleSetBuilder;
use unboil::classify::RuleSet;

use super::args::RuleArgs;

pub fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    let mut b = RuleSetBuilder::new().with_builtin();
    for f in &args.files {
        let src = std::fs::read_to_string(f)
            .with_context(|| format!("{}: cannot read rule file", f.display()))?;
        b.add_source(&src, &f.display().to_string())?;
    }
    Ok(b.build()?)
}
