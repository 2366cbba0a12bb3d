//! hotpath's one pool of native threads. Every parallel job of the addon (zlib's
//! parallel deflate, crypto's hashMany/hashFiles/pbkdf2, readline's countLines, the
//! workers kernels) runs on rayon's global pool, which this module builds once per
//! process: the addon loaded in several worker_threads is one library with one pool,
//! so threads = cores, not cores × Workers. The pool is never libuv's, so long native
//! work cannot keep fs or dns waiting.
//!
//! Its size is the default the JS loader passes (`os.availableParallelism()`), or
//! what `set_threads` asked for before the pool started.

use std::sync::Mutex;

/// What is known of the pool: not built yet (with the sizes asked for), or built.
enum PoolState {
    Waiting {
        requested: Option<usize>,
        default: Option<usize>,
    },
    Started(usize),
}

static STATE: Mutex<PoolState> = Mutex::new(PoolState::Waiting {
    requested: None,
    default: None,
});

/// Refused: the pool has started with this many threads.
#[derive(Debug, PartialEq, Eq)]
pub struct AlreadyStarted(pub usize);

fn state() -> std::sync::MutexGuard<'static, PoolState> {
    // A panic while holding the lock leaves a state that is still whole.
    STATE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn fallback_size() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The pool's size if it has started, else the size it will start with.
pub fn threads() -> usize {
    match *state() {
        PoolState::Started(size) => size,
        PoolState::Waiting { requested, default } => {
            requested.or(default).unwrap_or_else(fallback_size)
        }
    }
}

/// Whether the pool has started (after which its size is fixed).
pub fn started() -> bool {
    matches!(*state(), PoolState::Started(_))
}

/// The size to start with when nobody asks for one (the JS loader passes
/// `os.availableParallelism()`); ignored once the pool has started.
pub fn set_default_threads(size: usize) {
    if let PoolState::Waiting { default, .. } = &mut *state() {
        *default = Some(size.max(1));
    }
}

/// Asks for `size` threads. Refused once the pool has started, unless it already has
/// exactly that many.
pub fn set_threads(size: usize) -> Result<(), AlreadyStarted> {
    match &mut *state() {
        PoolState::Started(current) if *current == size => Ok(()),
        PoolState::Started(current) => Err(AlreadyStarted(*current)),
        PoolState::Waiting { requested, .. } => {
            *requested = Some(size.max(1));
            Ok(())
        }
    }
}

/// Starts the pool if it has not started; returns its size. Every native entry that
/// runs work on the pool calls this first, so the pool has the asked-for size.
pub fn ensure_started() -> usize {
    let mut state = state();
    if let PoolState::Started(size) = *state {
        return size;
    }
    let PoolState::Waiting { requested, default } = *state else {
        unreachable!("the pool is either waiting or started");
    };
    let size = requested.or(default).unwrap_or_else(fallback_size);
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(size)
        .thread_name(|index| format!("hotpath-pool-{index}"))
        .build_global();
    // Refused only if rayon's global pool was already built (by a parallel call that
    // came in without passing here): that pool is the one, with its own size.
    let size = match built {
        Ok(()) => size,
        Err(_) => rayon::current_num_threads(),
    };
    *state = PoolState::Started(size);
    size
}

#[cfg(test)]
mod tests {
    // The pool is process-wide and `cargo test` shares one process, so one test walks
    // through the whole life cycle.
    use super::*;

    #[test]
    fn the_pool_takes_its_size_before_it_starts_and_keeps_it_after() {
        set_default_threads(3);
        assert_eq!(threads(), 3);
        assert_eq!(set_threads(2), Ok(()));
        assert_eq!(threads(), 2);
        assert!(!started() || rayon::current_num_threads() == threads());
        let size = ensure_started();
        assert!(started());
        assert_eq!(size, threads());
        assert_eq!(set_threads(size), Ok(()));
        assert_eq!(set_threads(size + 1), Err(AlreadyStarted(size)));
        set_default_threads(size + 5);
        assert_eq!(threads(), size);
        assert_eq!(ensure_started(), size);
    }
}
