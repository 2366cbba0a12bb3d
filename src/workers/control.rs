//! What a running kernel shares with the JS threads: a cancel flag the face sets when
//! the call's AbortSignal fires, and an optional pair of progress counters in shared
//! memory (an Int32Array over a SharedArrayBuffer) that any JS thread reads with
//! `Atomics.load`.
//!
//! Progress is counted in units of work (elements, for every kernel). The kernel
//! stores the total in the second slot before it starts and raises the first slot as
//! it goes, never past total - 1 until it has finished, when the first slot becomes
//! the total. A total over 2^30 units is scaled down so both fit in an Int32.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// The kernel stopped because its call was cancelled.
#[derive(Debug, PartialEq, Eq)]
pub struct Aborted;

/// Where a kernel reports its progress: `done` and `total` slots in shared memory.
pub struct ProgressSlots<'a> {
    pub done: &'a AtomicI32,
    pub total: &'a AtomicI32,
}

const MAX_PUBLISHED: u64 = 1 << 30;

pub struct Control<'a> {
    cancelled: &'a AtomicBool,
    slots: Option<ProgressSlots<'a>>,
    units_done: AtomicU64,
    /// Units per published step, so the published total fits in an Int32.
    scale: u64,
    published_total: i32,
}

impl<'a> Control<'a> {
    /// A control for a kernel of `total_units` units of work.
    pub fn new(
        cancelled: &'a AtomicBool,
        slots: Option<ProgressSlots<'a>>,
        total_units: u64,
    ) -> Self {
        let scale = total_units.div_ceil(MAX_PUBLISHED).max(1);
        let published_total = total_units.div_ceil(scale) as i32;
        if let Some(slots) = &slots {
            slots.done.store(0, Ordering::SeqCst);
            slots.total.store(published_total, Ordering::SeqCst);
        }
        Control {
            cancelled,
            slots,
            units_done: AtomicU64::new(0),
            scale,
            published_total,
        }
    }

    /// Err once the call has been cancelled; kernels call it between pieces of work.
    pub fn check(&self) -> Result<(), Aborted> {
        if self.cancelled.load(Ordering::Relaxed) {
            Err(Aborted)
        } else {
            Ok(())
        }
    }

    /// Counts `units` more units done. Threads publish with fetch_max, so the value
    /// JS reads never goes down even when two threads publish out of order.
    pub fn advance(&self, units: u64) {
        let done = self.units_done.fetch_add(units, Ordering::Relaxed) + units;
        if let Some(slots) = &self.slots {
            let published = ((done / self.scale) as i32).min(self.published_total - 1);
            slots.done.fetch_max(published.max(0), Ordering::SeqCst);
        }
    }

    /// The kernel has finished: the done slot becomes the total.
    pub fn finish(&self) {
        if let Some(slots) = &self.slots {
            slots.done.store(self.published_total, Ordering::SeqCst);
        }
    }
}

/// Runs `work` on items in pieces of `piece` (the last may be shorter), checking for
/// cancellation before each piece and counting each as done after it.
pub fn in_pieces<T>(
    items: &[T],
    piece: usize,
    control: &Control,
    mut work: impl FnMut(&[T]),
) -> Result<(), Aborted> {
    for chunk in items.chunks(piece.max(1)) {
        control.check()?;
        work(chunk);
        control.advance(chunk.len() as u64);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_rises_to_total_minus_one_and_ends_at_the_total() {
        let cancelled = AtomicBool::new(false);
        let (done, total) = (AtomicI32::new(-5), AtomicI32::new(0));
        let control = Control::new(
            &cancelled,
            Some(ProgressSlots {
                done: &done,
                total: &total,
            }),
            10,
        );
        assert_eq!(
            (done.load(Ordering::SeqCst), total.load(Ordering::SeqCst)),
            (0, 10)
        );
        control.advance(4);
        assert_eq!(done.load(Ordering::SeqCst), 4);
        control.advance(6);
        assert_eq!(done.load(Ordering::SeqCst), 9);
        control.finish();
        assert_eq!(done.load(Ordering::SeqCst), 10);
    }

    #[test]
    fn a_total_past_the_int32_range_is_scaled_down() {
        let cancelled = AtomicBool::new(false);
        let (done, total) = (AtomicI32::new(0), AtomicI32::new(0));
        let units = 5u64 << 32;
        let control = Control::new(
            &cancelled,
            Some(ProgressSlots {
                done: &done,
                total: &total,
            }),
            units,
        );
        let published = total.load(Ordering::SeqCst);
        assert!(published > 0 && published as u64 <= MAX_PUBLISHED);
        control.advance(units / 2);
        let half = done.load(Ordering::SeqCst);
        assert!((half - published / 2).abs() <= 1);
    }

    #[test]
    fn check_fails_once_cancelled() {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, 1);
        assert_eq!(control.check(), Ok(()));
        cancelled.store(true, Ordering::Relaxed);
        assert_eq!(control.check(), Err(Aborted));
        let mut seen = 0;
        assert_eq!(
            in_pieces(&[1, 2, 3], 1, &control, |_| seen += 1),
            Err(Aborted)
        );
        assert_eq!(seen, 0);
    }
}
