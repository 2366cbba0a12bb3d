//! Where a kernel's elements are while it runs, and where it reports progress.
//!
//! In place when JS cannot take the memory back meanwhile: a sync call (the calling
//! thread waits, so no JS runs) or a SharedArrayBuffer (never detached or shrunk; the
//! call's anchor keeps it alive, `in_place` stops it before its env goes away). An
//! async call on a non-shared ArrayBuffer works on a copy instead, since JS may detach
//! or shrink that buffer at any time (see `js_memory`); a sort's copy is
//! written back on the JS thread when it settles, if the array can still take it.

use std::sync::atomic::AtomicI32;

use napi::{sys, Env, Error, Result, Status};

use crate::binding::{JsAnchor, TypedArrayView};
use crate::js_memory::owned::OwnedBytes;
use crate::workers::claims::Claim;
use crate::workers::control::ProgressSlots;
use crate::workers::element::ElementType;

fn element_type(id: sys::napi_typedarray_type) -> Option<ElementType> {
    use sys::TypedarrayType as T;
    Some(match id {
        T::int8_array => ElementType::Int8,
        T::uint8_array => ElementType::Uint8,
        T::uint8_clamped_array => ElementType::Uint8Clamped,
        T::int16_array => ElementType::Int16,
        T::uint16_array => ElementType::Uint16,
        T::int32_array => ElementType::Int32,
        T::uint32_array => ElementType::Uint32,
        T::float32_array => ElementType::Float32,
        T::float64_array => ElementType::Float64,
        T::bigint64_array => ElementType::BigInt64,
        T::biguint64_array => ElementType::BigUint64,
        11 => ElementType::Float16,
        _ => return None,
    })
}

fn invalid(message: &str) -> Error {
    Error::new(Status::InvalidArg, message.to_owned())
}

/// A kernel's elements: their type and count, and the memory that holds them.
pub struct Elements {
    pub element_type: ElementType,
    pub length: usize,
    address: usize,
    /// The copy at `address`, when the elements were copied.
    copy: Option<OwnedBytes>,
}

impl Elements {
    fn checked_type(view: &TypedArrayView) -> Result<ElementType> {
        let element_type = element_type(view.element_type).ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                format!("unsupported TypedArray element type {}", view.element_type),
            )
        })?;
        if view.detached {
            return Err(invalid("the TypedArray's buffer is detached"));
        }
        Ok(element_type)
    }

    /// The array's own memory: for a sync call, or an array over a SharedArrayBuffer.
    pub fn in_place(view: &TypedArrayView) -> Result<Elements> {
        let element_type = Self::checked_type(view)?;
        let address = view.address();
        if !address.is_multiple_of(element_type.width()) {
            return Err(invalid("the TypedArray's elements are not aligned"));
        }
        Ok(Elements {
            element_type,
            length: view.length,
            address,
            copy: None,
        })
    }

    /// A copy of the array's elements, made now on the JS thread.
    pub fn copied(view: &TypedArrayView) -> Result<Elements> {
        let element_type = Self::checked_type(view)?;
        let bytes = view.length * element_type.width();
        // SAFETY: napi reported `length` elements at `address` for this call, which is
        // running on the JS thread: nothing can detach or shrink the buffer meanwhile.
        let elements = unsafe { std::slice::from_raw_parts(view.address() as *const u8, bytes) };
        let mut copy = OwnedBytes::copy_of(elements);
        Ok(Elements {
            element_type,
            length: view.length,
            address: copy.as_mut_ptr() as usize,
            copy: Some(copy),
        })
    }

    fn byte_length(&self) -> usize {
        self.length * self.element_type.width()
    }

    /// What the kernel claims of JS memory; none for a copy, which only it sees.
    pub fn claim(&self, writes: bool) -> Option<Claim> {
        self.copy.is_none().then(|| Claim {
            start: self.address,
            end: self.address + self.byte_length(),
            writes,
        })
    }

    /// # Safety
    /// `W` must be as wide as the elements, and memory in place must be claimed (no
    /// other kernel writes it) while the slice is used.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn words<W>(&self) -> &mut [W] {
        // SAFETY: address is aligned for W (checked in `in_place`; a copy is 8-byte
        // aligned). A copy lives as long as `self` and only this kernel sees it. Memory
        // in place stays valid while the kernel runs, whatever JS does: a sync call's
        // JS thread waits in the call (and no other thread can detach a non-shared
        // buffer); a SharedArrayBuffer can be neither detached nor shrunk, the call's
        // anchor keeps it from collection, and its in-place ticket keeps its env from
        // tearing down until the kernel has stopped (`js_memory::in_place`).
        unsafe { std::slice::from_raw_parts_mut(self.address as *mut W, self.length) }
    }

    /// Writes a copy back into the array, read afresh through its anchor on the JS
    /// thread: only if it is still attached and holds at least as many elements as
    /// were copied. True when the array holds the result (memory in place always does).
    pub fn write_back(&self, env: &Env, array: &JsAnchor) -> Result<bool> {
        let Some(copy) = &self.copy else {
            return Ok(true);
        };
        let view: TypedArrayView = array.read(env)?;
        if view.detached || view.length < self.length {
            return Ok(false);
        }
        let bytes = copy.as_slice();
        // SAFETY: `view` was read on the JS thread in this settle, with at least
        // `bytes.len()` bytes at its address (its element type is the copy's: it is the
        // same array); no JS runs until this returns; the copy is memory of our own.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), view.address() as *mut u8, bytes.len())
        };
        Ok(true)
    }
}

/// The progress slots' address (the `done` slot; `total` follows) in a
/// SharedArrayBuffer, which the call keeps anchored while the kernel runs.
#[derive(Clone, Copy)]
pub struct Progress(usize);

impl Progress {
    pub fn of(view: Option<&TypedArrayView>, index: u32) -> Result<Option<Progress>> {
        let Some(view) = view else { return Ok(None) };
        if view.element_type != sys::TypedarrayType::int32_array
            || !view.shared
            || index as usize + 1 >= view.length
        {
            return Err(invalid(
                "progress needs two Int32 slots of a SharedArrayBuffer",
            ));
        }
        Ok(Some(Progress(view.address() + 4 * index as usize)))
    }

    pub fn slots(&self) -> ProgressSlots<'_> {
        // SAFETY: two aligned i32 slots of a live Int32Array over a SharedArrayBuffer
        // (checked in `of`; JS can neither detach nor shrink it, and the call anchors
        // it); JS reads and writes them only through Atomics, as AtomicI32 does here.
        unsafe {
            ProgressSlots {
                done: AtomicI32::from_ptr(self.0 as *mut i32),
                total: AtomicI32::from_ptr((self.0 + 4) as *mut i32),
            }
        }
    }
}
