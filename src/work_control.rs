//! What long async work shares with the JS thread that started it: a cancel flag the
//! face sets when the call's AbortSignal fires, and done/total counters the face reads
//! on a timer to call `onProgress(done, total)`. Work checks the flag between pieces
//! (an input, a file, a read), so a cancelled call stops within one piece.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The work stopped because its call was cancelled.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Cancelled;

#[derive(Debug, Default)]
pub struct WorkControl {
    cancelled: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
}

impl WorkControl {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Err once the call has been cancelled; work calls it before each piece.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Counts `units` more to do: a call that hands its work over in parts (hashMany's
    /// packed pieces) shares one control across them.
    pub fn add_total(&self, units: u64) {
        self.total.fetch_add(units, Ordering::Relaxed);
    }

    /// Counts `units` more done; threads may report in any order.
    pub fn advance(&self, units: u64) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_work_reports_and_fails_checks_once_cancelled() {
        let control = WorkControl::new();
        control.add_total(4);
        control.add_total(6);
        control.advance(3);
        control.advance(4);
        assert_eq!((control.done(), control.total()), (7, 10));
        assert_eq!(control.check(), Ok(()));
        control.cancel();
        assert_eq!(control.check(), Err(Cancelled));
    }
}
