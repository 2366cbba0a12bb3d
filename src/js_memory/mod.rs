//! What work that outlives a JS call may hold of JS memory (pure Rust: the napi side
//! is `binding`). A non-shared ArrayBuffer can be detached or shrunk by JS at any time,
//! so such work owns a copy (`owned`); a SharedArrayBuffer can be neither, so work may
//! use it in place, registered per env so that an env's teardown waits for it
//! (`in_place`).

pub mod in_place;
pub mod owned;
