//! The napi side of `js_memory::in_place`: registering in-place work of the current
//! env, with the env's cleanup hook installed the first time.

use std::ffi::c_void;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use napi::{check_status, sys, Env, Result};

use crate::js_memory::in_place::{tear_down, InPlaceTicket};

/// Registers in-place work of `env` (see `InPlaceTicket`).
pub fn register_in_place(env: &Env, cancelled: Arc<AtomicBool>) -> Result<InPlaceTicket> {
    let raw = env.raw();
    let (ticket, first_of_env) = InPlaceTicket::register(raw as usize, cancelled);
    if first_of_env {
        // SAFETY: `env` is the current call's, on its JS thread; the hook's argument is
        // the env's address, only compared, never dereferenced.
        check_status!(unsafe {
            sys::napi_add_env_cleanup_hook(raw, Some(on_env_cleanup), raw.cast())
        })?;
    }
    Ok(ticket)
}

extern "C" fn on_env_cleanup(env: *mut c_void) {
    tear_down(env as usize);
}
