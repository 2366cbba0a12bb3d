//! Async work that reads or writes SharedArrayBuffer memory in place, counted per JS
//! environment (a napi env: the main thread or one Worker) so that an env going away
//! can stop it first.
//!
//! JS cannot detach or shrink a SharedArrayBuffer, and the work's napi anchor keeps it
//! from being collected; but a Worker that is terminated (or exits) with such work in
//! flight disposes of its isolate, and if that Worker held the buffer's last reference
//! its memory is freed with it. Node runs an env's cleanup hooks before that; the hook
//! (`binding::in_place_hook`) calls `tear_down`, which marks the env's work cancelled
//! and waits until none of it is touching memory: work still queued never starts, and
//! running work stops at its next cancellation check.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

struct Registered {
    id: u64,
    env: usize,
    cancelled: Arc<AtomicBool>,
    running: bool,
    torn_down: bool,
}

struct Registry {
    next_id: u64,
    work: Vec<Registered>,
    /// Envs whose cleanup hook is registered (a few: the main thread and Workers).
    hooked_envs: Vec<usize>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    next_id: 0,
    work: Vec::new(),
    hooked_envs: Vec::new(),
});
static FINISHED: Condvar = Condvar::new();

fn registry() -> MutexGuard<'static, Registry> {
    // Nothing panics under the lock; a poisoned registry is still consistent.
    REGISTRY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One piece of in-place work, from the call that starts it until the work is done
/// (dropped). Its env cannot finish tearing down while it is `start`ed and not dropped.
pub struct InPlaceTicket {
    id: u64,
}

impl InPlaceTicket {
    /// Registers work of the env `env` (its address); `cancelled` is the flag the work
    /// checks, which a teardown raises. The second value is true the first time an env
    /// registers: its cleanup hook must then be installed, to call `tear_down`.
    pub fn register(env: usize, cancelled: Arc<AtomicBool>) -> (InPlaceTicket, bool) {
        let mut registry = registry();
        let first_of_env = !registry.hooked_envs.contains(&env);
        if first_of_env {
            registry.hooked_envs.push(env);
        }
        registry.next_id += 1;
        let id = registry.next_id;
        registry.work.push(Registered {
            id,
            env,
            cancelled,
            running: false,
            torn_down: false,
        });
        (InPlaceTicket { id }, first_of_env)
    }

    /// Called by the work before it touches the memory: false when its env is being
    /// torn down, and the memory must then be left alone.
    pub fn start(&self) -> bool {
        let mut registry = registry();
        match registry.work.iter_mut().find(|work| work.id == self.id) {
            Some(work) if !work.torn_down => {
                work.running = true;
                true
            }
            _ => false,
        }
    }
}

impl Drop for InPlaceTicket {
    fn drop(&mut self) {
        let mut registry = registry();
        registry.work.retain(|work| work.id != self.id);
        drop(registry);
        FINISHED.notify_all();
    }
}

/// The env `key` is going away: cancels its in-place work and waits until none runs.
pub fn tear_down(key: usize) {
    let mut registry = registry();
    registry.hooked_envs.retain(|&hooked| hooked != key);
    for work in registry.work.iter_mut().filter(|work| work.env == key) {
        work.torn_down = true;
        work.cancelled.store(true, Ordering::Relaxed);
    }
    while registry
        .work
        .iter()
        .any(|work| work.env == key && work.running)
    {
        registry = FINISHED
            .wait(registry)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teardown_waits_for_running_work_and_stops_queued_work() {
        let env = 0x5eed_0001;
        let running_flag = Arc::new(AtomicBool::new(false));
        let queued_flag = Arc::new(AtomicBool::new(false));
        let (running, first) = InPlaceTicket::register(env, Arc::clone(&running_flag));
        assert!(first, "the first work of an env asks for its hook");
        let running_id = running.id;
        let (queued, again) = InPlaceTicket::register(env, Arc::clone(&queued_flag));
        assert!(!again);
        assert!(running.start());
        let worker = std::thread::spawn(move || {
            // The work checks its flag between pieces and stops when it is raised.
            while !running_flag.load(Ordering::Relaxed) {
                std::thread::yield_now();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            drop(running);
        });
        tear_down(env);
        assert!(
            registry().work.iter().all(|work| work.id != running_id),
            "the teardown returned only once the running work was done"
        );
        assert!(queued_flag.load(Ordering::Relaxed));
        assert!(
            !queued.start(),
            "work queued before the teardown never starts"
        );
        worker.join().unwrap();
        let (_, hook_again) = InPlaceTicket::register(env, Arc::new(AtomicBool::new(false)));
        assert!(
            hook_again,
            "a new env at the same address gets its own hook"
        );
    }

    #[test]
    fn work_of_another_env_is_left_running() {
        let cancelled = Arc::new(AtomicBool::new(false));
        let (other, _) = InPlaceTicket::register(0x5eed_0002, Arc::clone(&cancelled));
        assert!(other.start());
        tear_down(0x5eed_0003);
        assert!(!cancelled.load(Ordering::Relaxed));
        assert!(other.start());
    }
}
