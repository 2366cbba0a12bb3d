//! Engines behind `hotpath/buffer`'s extras: counting and listing every occurrence of a
//! needle, the first of several bytes or needles, and a streaming search whose matches
//! may straddle chunks. Matches never overlap: after one, the search resumes at its end.

pub mod any_of;
pub mod occurrences;
pub mod searcher;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
