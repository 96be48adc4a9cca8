//! Function-word lists. Prose is dense in them, menus and link lists are
//! not (jusText's main signal), whatever the language.

use std::collections::HashMap;
use std::sync::LazyLock;

pub const LANGS: [&str; 7] = ["en", "es", "fr", "de", "pt", "it", "nl"];

const EN: &str = "a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours also been said says its";
const ES: &str = "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era eran es esa ese eso esta estaba estado estas este esto estos fue fueron ha hace hasta hay la las le les lo los mas me mi muy no nos o otra otras otro otros para pero poco por porque que quien se sea ser si sin sobre son su sus también tanto te tiene todo todos tu un una uno unos y ya él ha han había sido según";
const FR: &str = "a au aux avec ce ces cette dans de des du elle en est et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y été être avait avoir fait plus comme tout aussi entre été où";
const DE: &str = "aber als am an auch auf aus bei bin bis da damit dann das dass dem den denn der des die dies diese dieser doch dort du durch ein eine einem einen einer eines er es für hat hatte ich ihr ihre im in ist ja jetzt kann kein mit muss nach nicht noch nun nur ob oder ohne sein seine sich sie sind so über um und uns unter vom von vor war wie wir wird wurde zu zum zur werden haben wenn";
const PT: &str = "a ao aos as com como da das de do dos e ela ele eles em entre era essa esse esta este eu foi for há isso já la lhe mais mas me mesmo muito na nas nem no nos o os ou para pela pelo por qual que quando se sem ser seu seus sua suas também te tem um uma uns você são foram está não é ainda após sobre";
const IT: &str = "a ad al alla alle anche che chi con come da dal dalla dei del della delle di e ed gli ha hanno i il in la le lo ma ne nel nella non o per più quando questo questa se si sono su sua suo tra un una uno è era sono stato essere anche dopo loro";
const NL: &str = "aan al als bij dan dat de die dit door een en er had heb het hij hoe ik in is je kan maar met mij niet nog nu of om ons ook op over te tot uit van voor was wat wel wij zal ze zich zijn zo";

/// Word (lower case) -> bit mask of the languages whose list holds it.
static TABLE: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8> = HashMap::new();
    for (i, list) in [EN, ES, FR, DE, PT, IT, NL].iter().enumerate() {
        for w in list.split_whitespace() {
            *m.entry(w).or_default() |= 1 << i;
        }
    }
    m
});

/// Bit mask of the languages that count `lower` as a function word.
pub fn mask(lower: &str) -> u8 {
    TABLE.get(lower).copied().unwrap_or(0)
}

static FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "myself", "mine", "yo", "mi", "mis", "je", "moi", "mon", "ma", "mes", "ich",
    "mich", "mir", "mein", "meine", "eu", "meu", "minha", "io", "mio", "mia",
];

pub fn is_first_person(lower: &str) -> bool {
    FIRST_PERSON.contains(&lower)
}
