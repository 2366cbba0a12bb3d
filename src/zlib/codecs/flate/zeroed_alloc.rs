//! The allocator hotpath gives zlib-rs for deflate states: calloc. A deflate state is
//! ~400 KiB (window, `prev`, hash table, pending buffers) and a small message reaches
//! little of it; zlib-rs used to zero the window and `prev` itself, touching 128 KiB
//! per stream that an open WebSocket connection never used. The vendored zlib-rs
//! (vendor/README.md) takes one zeroed allocation instead, and trusts a zalloc whose
//! `opaque` is its `ZEROED_BY_ZALLOC` to have zeroed it: a block mapped from the
//! kernel is, and its pages stay untouched until they are used.

use std::ffi::{c_uint, c_void};

use libz_rs_sys as z;

/// zlib-rs's `allocate::ZEROED_BY_ZALLOC` (vendor/zlib-rs/src/allocate.rs), address 1:
/// its allocate module is private to the crate, so the value is repeated here (a
/// dangling `c_void` pointer is address 1, c_void's alignment).
const ZEROED_BY_ZALLOC: *mut c_void = std::ptr::dangling_mut::<c_void>();

// Blocks from this size up are mapped from the kernel directly: malloc serves them
// from its heap once Node has freed a big block (its mmap threshold then rises), and
// calloc must then write zeros over reused memory.
const MAP_FROM: usize = 128 << 10;
// Each block starts with a header: its mapped length (0 for a calloc'd block).
const HEADER: usize = 64;

const PROT_READ: i32 = 1;
const PROT_WRITE: i32 = 2;
const MAP_PRIVATE: i32 = 2;
const MAP_ANONYMOUS: i32 = 0x20;

extern "C" {
    fn calloc(count: usize, size: usize) -> *mut c_void;
    fn free(pointer: *mut c_void);
    fn mmap(
        address: *mut c_void,
        length: usize,
        protection: i32,
        flags: i32,
        fd: i32,
        offset: i64,
    ) -> *mut c_void;
    fn munmap(address: *mut c_void, length: usize) -> i32;
}

unsafe extern "C" fn zeroed_alloc(
    _opaque: *mut c_void,
    items: c_uint,
    size: c_uint,
) -> *mut c_void {
    let Some(length) = (items as usize)
        .checked_mul(size as usize)
        .and_then(|n| n.checked_add(HEADER))
    else {
        return std::ptr::null_mut();
    };
    let (block, mapped) = if length >= MAP_FROM {
        // SAFETY: an anonymous private mapping of `length` bytes; the kernel zeroes it.
        let block = unsafe {
            mmap(
                std::ptr::null_mut(),
                length,
                PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        // MAP_FAILED is (void*)-1.
        if block as isize == -1 {
            return std::ptr::null_mut();
        }
        (block, length)
    } else {
        // SAFETY: calloc takes any sizes and returns null or a zeroed block.
        (unsafe { calloc(1, length) }, 0)
    };
    if block.is_null() {
        return block;
    }
    // SAFETY: the block holds at least HEADER bytes, and is aligned for a usize.
    unsafe {
        block.cast::<usize>().write(mapped);
        block.cast::<u8>().add(HEADER).cast()
    }
}

unsafe extern "C" fn zeroed_free(_opaque: *mut c_void, pointer: *mut c_void) {
    if pointer.is_null() {
        return;
    }
    // SAFETY: zlib-rs hands back, once, a pointer `zeroed_alloc` returned: HEADER bytes
    // past the start of a block whose first word is its mapped length (0: calloc'd).
    unsafe {
        let block = pointer.cast::<u8>().sub(HEADER).cast::<c_void>();
        match block.cast::<usize>().read() {
            0 => free(block),
            mapped => {
                munmap(block, mapped);
            }
        }
    }
}

/// Sets `stream` to allocate with calloc, before `deflateInit2_`.
pub(super) fn use_zeroed_alloc(stream: &mut z::z_stream) {
    stream.zalloc = Some(zeroed_alloc);
    stream.zfree = Some(zeroed_free);
    stream.opaque = ZEROED_BY_ZALLOC;
}
