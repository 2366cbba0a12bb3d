//! One kernel call, ready to run on any thread: the kernel and its options, its
//! elements (in place or a copy), where it reports progress, and its cancel flag.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::elements::{Elements, Progress};
use super::value::Outcome;
use super::{KernelKind, KernelOptions};
use crate::workers::argsort::argsort;
use crate::workers::control::{Aborted, Control};
use crate::workers::element::{ElementType, Half};
use crate::workers::histogram::{finite_range, histogram, Edges};
use crate::workers::sort::sort;
use crate::workers::stats::{summarize, Wanted};

pub struct Call {
    pub options: KernelOptions,
    pub elements: Elements,
    pub progress: Option<Progress>,
    pub cancelled: Arc<AtomicBool>,
}

macro_rules! by_width {
    ($elements:expr, $words:ident => $body:expr) => {
        // SAFETY: (every arm) the width matches the element type; memory in place is
        // claimed by `Call::run`'s caller and kept alive and attached (see `elements`).
        match $elements.element_type.width() {
            1 => {
                let $words = unsafe { $elements.words::<u8>() };
                $body
            }
            2 => {
                let $words = unsafe { $elements.words::<u16>() };
                $body
            }
            4 => {
                let $words = unsafe { $elements.words::<u32>() };
                $body
            }
            _ => {
                let $words = unsafe { $elements.words::<u64>() };
                $body
            }
        }
    };
}

macro_rules! by_number {
    ($elements:expr, $values:ident => $body:expr) => {{
        let elements = $elements;
        // SAFETY: (every arm) the Rust type is the element type's; see `by_width`.
        match elements.element_type {
            ElementType::Int8 => {
                let $values: &[i8] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint8 | ElementType::Uint8Clamped => {
                let $values: &[u8] = unsafe { elements.words() };
                $body
            }
            ElementType::Int16 => {
                let $values: &[i16] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint16 => {
                let $values: &[u16] = unsafe { elements.words() };
                $body
            }
            ElementType::Int32 => {
                let $values: &[i32] = unsafe { elements.words() };
                $body
            }
            ElementType::Uint32 => {
                let $values: &[u32] = unsafe { elements.words() };
                $body
            }
            ElementType::Float16 => {
                let $values: &[Half] = unsafe { elements.words() };
                $body
            }
            ElementType::Float32 => {
                let $values: &[f32] = unsafe { elements.words() };
                $body
            }
            ElementType::Float64 => {
                let $values: &[f64] = unsafe { elements.words() };
                $body
            }
            ElementType::BigInt64 => {
                let $values: &[i64] = unsafe { elements.words() };
                $body
            }
            ElementType::BigUint64 => {
                let $values: &[u64] = unsafe { elements.words() };
                $body
            }
        }
    }};
}

impl Call {
    pub fn writes(&self) -> bool {
        matches!(self.options.kernel, KernelKind::Sort)
    }

    /// Runs the kernel; the caller holds the claim on memory in place.
    pub fn run(&self) -> Outcome {
        let slots = self.progress.as_ref().map(Progress::slots);
        let control = Control::new(&self.cancelled, slots, self.elements.length as u64);
        let kind = self.elements.element_type.kind();
        let result = match self.options.kernel {
            KernelKind::Sort => by_width!(self.elements, words => sort(words, kind, self.options.descending, &control))
                .map(|()| Outcome::Sorted),
            KernelKind::Argsort => {
                by_width!(self.elements, words => argsort(words, kind, &control)).map(Outcome::Indices)
            }
            KernelKind::Stats => {
                let wanted = Wanted {
                    extremes: self.options.extremes,
                    variance: self.options.variance,
                };
                by_number!(&self.elements, values => summarize(values, wanted, &control)).map(Outcome::Summary)
            }
            KernelKind::Histogram => self.histogram(&control).map(Outcome::Counts),
        };
        result.unwrap_or(Outcome::Aborted)
    }

    fn histogram(&self, control: &Control) -> std::result::Result<Vec<u64>, Aborted> {
        let bins = self.options.bins.max(1) as usize;
        by_number!(&self.elements, values => {
            let (low, high) = match (self.options.low, self.options.high) {
                (Some(low), Some(high)) => (low, high),
                (low, high) => {
                    let (found_low, found_high) = finite_range(values, control)?.unwrap_or((0.0, 1.0));
                    (low.unwrap_or(found_low), high.unwrap_or(found_high))
                }
            };
            histogram(values, &Edges::new(low, high, bins), control)
        })
    }
}
