//! I/O failures from work done in Rust, in a form the JS faces turn into the error
//! Node's fs would throw (lib/internal/system-error.js): `errno:<n>:<syscall>`.

use std::io;

use napi::{Error, Status};

pub fn fs_error(error: &io::Error, syscall: &str) -> Error {
    Error::new(Status::GenericFailure, errno_marker(error, syscall))
}

pub fn errno_marker(error: &io::Error, syscall: &str) -> String {
    let errno = error.raw_os_error().unwrap_or(match error.kind() {
        io::ErrorKind::NotFound => 2,
        io::ErrorKind::PermissionDenied => 13,
        _ => 5,
    });
    format!("errno:{errno}:{syscall}")
}
