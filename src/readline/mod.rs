//! Engines behind `hotpath/readline`: finding line breaks in decoded text the way
//! Node's readline does (`\n`, `\r\n` and a lone `\r`), and counting lines in bytes.

pub mod count;
pub mod line_breaks;

#[cfg(all(feature = "napi", not(test)))]
mod napi;
