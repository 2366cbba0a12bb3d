//! Kernels on overlapping memory run one after another, never together: each claims
//! its byte range first, as a writer (sort) or a reader (the others). Readers of the
//! same memory may run together; a writer waits for every overlapping claim, and
//! everything after it waits for the writer. An async kernel whose memory is claimed
//! is queued and started by the release it waits for (no pool thread blocks); a sync
//! kernel waits on its own (JS) thread. Claims are process-wide, so views of one
//! SharedArrayBuffer in different Workers, whose bytes are the same, see each other.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// A byte range `[start, end)` of memory and whether the kernel writes to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    pub writes: bool,
}

impl Claim {
    fn conflicts(&self, other: &Claim) -> bool {
        let both_hold_bytes = self.start < self.end && other.start < other.end;
        both_hold_bytes
            && (self.writes || other.writes)
            && self.start < other.end
            && other.start < self.end
    }
}

type Job = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct State {
    active: Vec<Claim>,
    queued: VecDeque<(Claim, Job)>,
}

pub struct Claims {
    state: Mutex<State>,
    released: Condvar,
}

impl Default for Claims {
    fn default() -> Self {
        Self::new()
    }
}

impl Claims {
    pub const fn new() -> Claims {
        Claims {
            state: Mutex::new(State {
                active: Vec::new(),
                queued: VecDeque::new(),
            }),
            released: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Jobs never run under the lock, so a poisoned state is still consistent.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `job` through `start` now if nothing claims its memory, else once the
    /// claims it waits for are released (in the order kernels were called). The job
    /// must call `release(claim)` when it is done with the memory.
    pub fn run_when_free(&self, claim: Claim, job: Job, start: impl FnOnce(Job)) {
        let mut state = self.lock();
        let blocked = state.active.iter().any(|c| c.conflicts(&claim))
            || state.queued.iter().any(|(c, _)| c.conflicts(&claim));
        if blocked {
            state.queued.push_back((claim, job));
        } else {
            state.active.push(claim);
            drop(state);
            start(job);
        }
    }

    /// Waits on this thread until nothing active claims the memory, then claims it.
    pub fn claim_blocking(&self, claim: Claim) {
        let mut state = self.lock();
        while state.active.iter().any(|c| c.conflicts(&claim)) {
            state = self
                .released
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        state.active.push(claim);
    }

    /// Releases `claim` and returns the queued jobs that can start now (their claims
    /// are made): the caller starts them.
    #[must_use]
    pub fn release(&self, claim: Claim) -> Vec<Job> {
        let mut state = self.lock();
        if let Some(at) = state.active.iter().position(|c| *c == claim) {
            state.active.swap_remove(at);
        }
        let mut ready = Vec::new();
        let mut still_queued = VecDeque::new();
        while let Some((queued, job)) = state.queued.pop_front() {
            let blocked = state.active.iter().any(|c| c.conflicts(&queued))
                || still_queued
                    .iter()
                    .any(|(c, _): &(Claim, Job)| c.conflicts(&queued));
            if blocked {
                still_queued.push_back((queued, job));
            } else {
                state.active.push(queued);
                ready.push(job);
            }
        }
        state.queued = still_queued;
        drop(state);
        self.released.notify_all();
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    fn claim(start: usize, end: usize, writes: bool) -> Claim {
        Claim { start, end, writes }
    }

    #[test]
    fn readers_share_writers_wait_and_disjoint_ranges_never_wait() {
        let claims = Claims::new();
        let log = Arc::new(StdMutex::new(Vec::new()));
        let record = |name: &'static str| {
            let log = Arc::clone(&log);
            Box::new(move || log.lock().unwrap().push(name)) as Job
        };
        let run_now = |job: Job| job();
        claims.run_when_free(claim(0, 100, false), record("reader 1"), run_now);
        claims.run_when_free(claim(50, 150, false), record("reader 2"), run_now);
        claims.run_when_free(claim(90, 95, true), record("writer"), run_now);
        claims.run_when_free(claim(200, 300, true), record("other writer"), run_now);
        claims.run_when_free(claim(0, 10, false), record("reader 3"), run_now);
        assert_eq!(
            *log.lock().unwrap(),
            ["reader 1", "reader 2", "other writer", "reader 3"]
        );
        assert!(claims.release(claim(0, 100, false)).is_empty());
        let ready = claims.release(claim(50, 150, false));
        assert_eq!(ready.len(), 1);
        ready.into_iter().for_each(|job| job());
        assert_eq!(log.lock().unwrap().last(), Some(&"writer"));
    }

    #[test]
    fn empty_ranges_conflict_with_nothing() {
        assert!(!claim(5, 5, true).conflicts(&claim(0, 10, true)));
        assert!(claim(0, 10, true).conflicts(&claim(9, 12, false)));
        assert!(!claim(0, 10, false).conflicts(&claim(0, 10, false)));
    }

    #[test]
    fn a_blocking_claim_waits_for_the_release() {
        let claims = Arc::new(Claims::new());
        claims.claim_blocking(claim(0, 8, true));
        let waiter = {
            let claims = Arc::clone(&claims);
            std::thread::spawn(move || {
                claims.claim_blocking(claim(4, 12, false));
                claims.release(claim(4, 12, false)).len()
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!waiter.is_finished());
        assert!(claims.release(claim(0, 8, true)).is_empty());
        assert_eq!(waiter.join().unwrap(), 0);
    }
}
