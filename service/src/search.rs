//! Search terms for text in Chinese and English. Chinese has no spaces, so
//! a run of Chinese characters is indexed as its overlapping character
//! pairs ("路灯不亮" → 路灯 灯不 不亮) plus its last character; other text
//! as lowercase words. Linli computes the terms itself and both engines
//! only index them (SQLite FTS5, PostgreSQL `tsvector` with GIN), so a
//! search finds the same matters on either.
//!
//! A query is cut the same way and every term must match: pairs make
//! "路灯" find "3幢路灯坏了" without matching "路" and "灯" apart. One
//! Chinese character and the last word of a query match as prefixes, so
//! results appear while someone is still typing.
//!
//! A matter is also indexed under its place, one term per level a list
//! filters by, so that "路灯 in this street" is answered inside the index
//! instead of by testing every 路灯 in the city against the street.

use std::collections::BTreeSet;

use linli_model::tree::{CommunityCode, DistrictCode, GridCode, StreetCode};

/// Starts a place term ("ĸ330203001" for a street). Typed text reads it as
/// a space, so no word anyone types makes or matches a place term; it is a
/// letter (U+0138) so that FTS5's tokenizer keeps it inside the term.
const PLACE_MARK: char = '\u{138}';

/// Longest word kept; longer ones are cut (nobody types them).
const WORD_MAX: usize = 32;
/// Terms used from one query; more narrows nothing useful.
const QUERY_TERMS_MAX: usize = 16;

/// Chinese, Japanese and Korean characters: written without spaces.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // kana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{20000}'..='\u{2ffff}')
}

#[derive(Debug, PartialEq, Eq)]
enum Run {
    Cjk(Vec<char>),
    Word(String),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for c in text.chars() {
        // Full-width letters and digits (ａ, １) read as their ASCII forms.
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        let cjk = is_cjk(c);
        if !cjk && (!c.is_alphanumeric() || c == PLACE_MARK) {
            out.push(Run::Word(String::new()));
            continue;
        }
        match (out.last_mut(), cjk) {
            (Some(Run::Cjk(chars)), true) => chars.push(c),
            (Some(Run::Word(word)), false) => word.extend(c.to_lowercase()),
            (_, true) => out.push(Run::Cjk(vec![c])),
            (_, false) => out.push(Run::Word(c.to_lowercase().collect())),
        }
    }
    out.retain(|r| !matches!(r, Run::Word(w) if w.is_empty()));
    out
}

fn word(w: &str) -> String {
    w.chars().take(WORD_MAX).collect()
}

/// The terms a text is indexed under, space-separated, each once.
pub fn index_terms(text: &str) -> String {
    let mut terms: BTreeSet<String> = BTreeSet::new();
    for run in runs(text) {
        match run {
            Run::Word(w) => {
                terms.insert(word(&w));
            }
            Run::Cjk(chars) => {
                for pair in chars.windows(2) {
                    terms.insert(pair.iter().collect());
                }
                if let Some(last) = chars.last() {
                    terms.insert(last.to_string());
                }
            }
        }
    }
    terms.into_iter().collect::<Vec<_>>().join(" ")
}

/// The lengths of the codes a matter is indexed under: each level's.
const PLACE_LEVELS: [usize; 4] = [
    DistrictCode::LEN,
    StreetCode::LEN,
    CommunityCode::LEN,
    GridCode::LEN,
];

/// True when `code` is one level's code, so that [`place_term`] finds
/// exactly the matters under it.
pub fn indexes_place(code: &str) -> bool {
    PLACE_LEVELS.contains(&code.len())
}

/// The terms a matter is indexed under: its text's and its place's (a grid
/// code; each level above it is a prefix of it).
pub fn matter_terms(text: &str, grid: &str) -> String {
    let place = PLACE_LEVELS
        .into_iter()
        .filter_map(|n| grid.get(..n))
        .map(|code| place_term(code).text);
    let text = index_terms(text);
    std::iter::once(text)
        .filter(|t| !t.is_empty())
        .chain(place)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The query term that keeps a search to a place: a district, street,
/// community or grid code.
pub fn place_term(code: &str) -> QueryTerm {
    QueryTerm {
        text: format!("{PLACE_MARK}{code}"),
        prefix: false,
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    /// Matches every indexed term that starts with `text`.
    pub prefix: bool,
}

/// A query's terms, all of which must match. Empty when the query has
/// nothing searchable (only punctuation).
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let runs = runs(query);
    let last = runs.len().saturating_sub(1);
    let mut terms: Vec<QueryTerm> = Vec::new();
    for (i, run) in runs.into_iter().enumerate() {
        match run {
            Run::Word(w) => terms.push(QueryTerm {
                text: word(&w),
                prefix: i == last,
            }),
            Run::Cjk(chars) if chars.len() == 1 => terms.push(QueryTerm {
                text: chars[0].to_string(),
                prefix: true,
            }),
            Run::Cjk(chars) => terms.extend(chars.windows(2).map(|pair| QueryTerm {
                text: pair.iter().collect(),
                prefix: false,
            })),
        }
    }
    let mut seen = BTreeSet::new();
    terms.retain(|t| seen.insert(t.text.clone()));
    terms.truncate(QUERY_TERMS_MAX);
    terms
}

/// The query in FTS5's syntax: each term quoted, prefixes starred.
pub fn fts5_query(terms: &[QueryTerm]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"{}", t.text, if t.prefix { "*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The query as a PostgreSQL `tsquery` literal.
pub fn tsquery(terms: &[QueryTerm]) -> String {
    terms
        .iter()
        .map(|t| format!("'{}'{}", t.text, if t.prefix { ":*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The terms a matter must hold word for word (not as a prefix), as a
/// PostgreSQL `tsvector` literal: those its signature can rule out.
/// Empty when every term is a prefix.
pub fn signature_terms(terms: &[QueryTerm]) -> String {
    let exact: Vec<&str> = terms
        .iter()
        .filter(|t| !t.prefix)
        .map(|t| t.text.as_str())
        .collect();
    tsvector(&exact.join(" "))
}

/// The indexed terms as a PostgreSQL `tsvector` literal.
pub fn tsvector(index_terms: &str) -> String {
    index_terms
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name as people type it in pinyin: the whole reading run together
/// and its initials ("翠苑社区" → "cuiyuanshequ cysq"), lowercase. Letters
/// and digits in the name are kept; other characters are left out.
pub fn pinyin_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut whole = String::new();
    let mut initials = String::new();
    for c in name.chars() {
        match c.to_pinyin() {
            Some(p) => {
                whole.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                let c = c.to_ascii_lowercase();
                whole.push(c);
                initials.push(c);
            }
            None => {}
        }
    }
    format!("{whole} {initials}")
}

#[cfg(test)]
mod pinyin_tests {
    use super::pinyin_key;

    #[test]
    fn names_are_keyed_by_whole_pinyin_and_initials() {
        assert_eq!(pinyin_key("翠苑社区"), "cuiyuanshequ cysq");
        assert_eq!(pinyin_key("锦华2村"), "jinhua2cun jh2c");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(text: &str, query: &str) -> bool {
        let indexed: BTreeSet<String> = index_terms(text).split(' ').map(str::to_owned).collect();
        let terms = query_terms(query);
        !terms.is_empty()
            && terms.iter().all(|t| {
                if t.prefix {
                    indexed.iter().any(|i| i.starts_with(&t.text))
                } else {
                    indexed.contains(&t.text)
                }
            })
    }

    #[test]
    fn a_matter_is_found_in_its_place_and_no_typed_word_reaches_the_place_terms() {
        let grid = "33020300100111201001";
        let indexed: BTreeSet<String> = matter_terms("路灯不亮", grid)
            .split(' ')
            .map(str::to_owned)
            .collect();
        for place in ["330203", "330203001", "33020300100111201", grid] {
            assert!(
                indexed.contains(&place_term(place).text),
                "{place} finds it"
            );
        }
        assert!(!indexed.contains(&place_term("330204").text));
        assert!(indexed.contains("路灯"));
        // Someone typing the mark, or a code, searches words, not places.
        for typed in ["\u{138}330203", "330203", "\u{138}"] {
            assert!(
                query_terms(typed)
                    .iter()
                    .all(|t| !t.text.contains(PLACE_MARK)),
                "{typed}"
            );
        }
        assert!(!index_terms("\u{138}330203 路灯").contains(PLACE_MARK));
        assert_eq!(matter_terms("", grid).split(' ').count(), 4);
    }

    #[test]
    fn a_signature_is_asked_only_for_terms_a_match_holds_whole() {
        // A prefix ("li", one character) matches terms no signature of
        // the query can name.
        assert_eq!(
            signature_terms(&query_terms("路灯坏了 street li")),
            "'路灯' '灯坏' '坏了' 'street'"
        );
        assert_eq!(signature_terms(&query_terms("灯")), "");
    }

    #[test]
    fn chinese_is_indexed_as_pairs_and_last_character() {
        assert_eq!(index_terms("路灯不亮"), "不亮 亮 灯不 路灯");
        assert_eq!(index_terms("3幢 Street-Light!"), "3 light street 幢");
    }

    #[test]
    fn searches_find_what_people_type() {
        let title = "3幢门口路灯不亮，晚上看不清台阶";
        for hit in [
            "路灯",
            "门口路灯",
            "灯",
            "台阶",
            "3幢",
            "看不清",
            "路灯 台阶",
        ] {
            assert!(matches(title, hit), "{hit} should find it");
        }
        for miss in ["路台", "电梯", "灯泡", "4幢"] {
            assert!(!matches(title, miss), "{miss} should not find it");
        }
        let english = "Street light out near building 3";
        assert!(matches(english, "street lig"));
        assert!(matches(english, "LIGHT"));
        assert!(
            !matches(english, "lig street"),
            "only the last word is a prefix"
        );
    }

    #[test]
    fn full_width_and_punctuation_do_not_get_in_the_way() {
        assert!(matches("３幢电梯坏了", "3幢"));
        assert!(query_terms("，。！？ --").is_empty());
        assert_eq!(
            fts5_query(&query_terms("路灯 abc")),
            "\"路灯\" AND \"abc\"*"
        );
        assert_eq!(tsquery(&query_terms("灯")), "'灯':*");
        assert_eq!(tsvector("a 路灯"), "'a' '路灯'");
    }

    #[test]
    fn quotes_and_operators_in_a_query_are_only_text() {
        for hostile in ["\" OR 1=1 --", "a' | 'b", "NEAR(x y)", "terms:*"] {
            for term in query_terms(hostile) {
                assert!(
                    term.text.chars().all(char::is_alphanumeric),
                    "{hostile}: {term:?}"
                );
            }
        }
    }
}
