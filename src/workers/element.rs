//! The element types of JS's TypedArrays as the kernels see them: words of 1, 2, 4 or
//! 8 bytes and the rule their bits are ordered and read by.

/// The element types of JS's TypedArrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementType {
    Int8,
    Uint8,
    Uint8Clamped,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Float16,
    Float32,
    Float64,
    BigInt64,
    BigUint64,
}

impl ElementType {
    pub fn width(self) -> usize {
        match self {
            ElementType::Int8 | ElementType::Uint8 | ElementType::Uint8Clamped => 1,
            ElementType::Int16 | ElementType::Uint16 | ElementType::Float16 => 2,
            ElementType::Int32 | ElementType::Uint32 | ElementType::Float32 => 4,
            ElementType::Float64 | ElementType::BigInt64 | ElementType::BigUint64 => 8,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            ElementType::Uint8
            | ElementType::Uint8Clamped
            | ElementType::Uint16
            | ElementType::Uint32
            | ElementType::BigUint64 => Kind::Unsigned,
            ElementType::Int8 | ElementType::Int16 | ElementType::Int32 | ElementType::BigInt64 => {
                Kind::Signed
            }
            ElementType::Float16 | ElementType::Float32 | ElementType::Float64 => Kind::Float,
        }
    }

    /// BigInt64Array and BigUint64Array hold BigInts; every other type holds Numbers.
    pub fn holds_bigints(self) -> bool {
        matches!(self, ElementType::BigInt64 | ElementType::BigUint64)
    }
}

/// How an element's bits are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Unsigned,
    Signed,
    /// IEEE 754 binary16/32/64.
    Float,
}

/// An element's bits as an unsigned word of its width.
pub trait Word: Copy + Ord + Send + Sync + std::fmt::Debug + 'static {
    const BITS: u32;
    const SIGN: Self;
    /// The bits of +Infinity in the float format of this width.
    const INFINITY: Self;
    const MAX: Self;
    fn to_u64(self) -> u64;
    fn from_u64(bits: u64) -> Self;
    fn not(self) -> Self;
    fn and(self, other: Self) -> Self;
    fn or(self, other: Self) -> Self;
    fn xor(self, other: Self) -> Self;
}

macro_rules! word {
    ($t:ty, $infinity:expr) => {
        impl Word for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGN: Self = 1 << (<$t>::BITS - 1);
            const INFINITY: Self = $infinity;
            const MAX: Self = <$t>::MAX;
            fn to_u64(self) -> u64 {
                self as u64
            }
            fn from_u64(bits: u64) -> Self {
                bits as $t
            }
            fn not(self) -> Self {
                !self
            }
            fn and(self, other: Self) -> Self {
                self & other
            }
            fn or(self, other: Self) -> Self {
                self | other
            }
            fn xor(self, other: Self) -> Self {
                self ^ other
            }
        }
    };
}

// No 8-bit float exists; its INFINITY is never read (8-bit types are never Float).
word!(u8, u8::MAX);
word!(u16, 0x7c00);
word!(u32, 0x7f80_0000);
word!(u64, 0x7ff0_0000_0000_0000);

/// Whether `bits` of a float of this width is a NaN.
pub fn is_nan<W: Word>(bits: W) -> bool {
    bits.and(W::SIGN.not()) > W::INFINITY
}

/// Bits to an unsigned key with the same order as TypedArray#sort gives the values:
/// numeric, -0 before +0. Not for NaNs: a float's key space has no room above
/// +Infinity for both signs of NaN, so callers set NaNs aside first.
pub fn key<W: Word>(bits: W, kind: Kind) -> W {
    match kind {
        Kind::Unsigned => bits,
        Kind::Signed => bits.xor(W::SIGN),
        Kind::Float if bits.and(W::SIGN) == W::SIGN => bits.not(),
        Kind::Float => bits.or(W::SIGN),
    }
}

/// The inverse of `key`.
pub fn from_key<W: Word>(key: W, kind: Kind) -> W {
    match kind {
        Kind::Unsigned => key,
        Kind::Signed => key.xor(W::SIGN),
        Kind::Float if key.and(W::SIGN) == W::SIGN => key.xor(W::SIGN),
        Kind::Float => key.not(),
    }
}

/// A key for ordering where every NaN is the same, greatest value (argsort's).
pub fn key_nan_last<W: Word>(bits: W, kind: Kind) -> W {
    if kind == Kind::Float && is_nan(bits) {
        W::MAX
    } else {
        key(bits, kind)
    }
}

/// A binary16 value as f64 (exact).
pub fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    match exponent {
        0 => sign * mantissa * 2f64.powi(-24),
        0x1f if mantissa == 0.0 => sign * f64::INFINITY,
        0x1f => f64::NAN,
        _ => sign * (1.0 + mantissa / 1024.0) * 2f64.powi(exponent - 15),
    }
}

/// An element read as a number, for the reductions and histograms.
pub trait Number: Copy + Send + Sync + 'static {
    /// Integer types sum and compare exactly (as i128).
    const INTEGER: bool;
    /// The value as f64: exact but for 64-bit integers past 2^53, which round.
    fn to_f64(self) -> f64;
    /// The exact value of an integer element (0 for floats, never asked).
    fn to_i128(self) -> i128;
    /// The elements as doubles when they are doubles (the reductions' SIMD loops).
    fn as_doubles(_values: &[Self]) -> Option<&[f64]> {
        None
    }
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl Number for $t {
            const INTEGER: bool = true;
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i128(self) -> i128 {
                i128::from(self)
            }
        }
    )*};
}
integer!(i8, u8, i16, u16, i32, u32, i64, u64);

impl Number for f32 {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn to_i128(self) -> i128 {
        0
    }
}

impl Number for f64 {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        self
    }
    fn to_i128(self) -> i128 {
        0
    }
    fn as_doubles(values: &[Self]) -> Option<&[f64]> {
        Some(values)
    }
}

/// A binary16 element (Float16Array), by its bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)]
pub struct Half(pub u16);

impl Number for Half {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        static VALUES: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
        VALUES.get_or_init(|| (0..=u16::MAX).map(f16_to_f64).collect())[usize::from(self.0)]
    }
    fn to_i128(self) -> i128 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order_like_numbers_with_negative_zero_first() {
        let values = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
        ];
        let keys: Vec<u64> = values
            .iter()
            .map(|v| key(v.to_bits(), Kind::Float))
            .collect();
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "{keys:x?}");
        for value in values {
            let bits = value.to_bits();
            assert_eq!(from_key(key(bits, Kind::Float), Kind::Float), bits);
        }
    }

    #[test]
    fn signed_keys_order_like_numbers() {
        let values: [i32; 5] = [i32::MIN, -1, 0, 1, i32::MAX];
        let keys: Vec<u32> = values
            .iter()
            .map(|v| key(*v as u32, Kind::Signed))
            .collect();
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(from_key(keys[1], Kind::Signed), -1i32 as u32);
    }

    #[test]
    fn nans_of_every_width_are_recognised_and_sort_last_for_argsort() {
        assert!(is_nan(f64::NAN.to_bits()) && is_nan((-f64::NAN).to_bits()));
        assert!(!is_nan(f64::INFINITY.to_bits()));
        assert!(is_nan(f32::NAN.to_bits()) && !is_nan(f32::NEG_INFINITY.to_bits()));
        assert!(is_nan(0x7e00u16) && is_nan(0xfe01u16) && !is_nan(0x7c00u16));
        assert_eq!(key_nan_last(0xfe00u16, Kind::Float), u16::MAX);
        assert!(key_nan_last(0x7c00u16, Kind::Float) < u16::MAX);
    }

    #[test]
    fn half_floats_read_exactly() {
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24));
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0xfc00), f64::NEG_INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
        assert!(f16_to_f64(0x8000).is_sign_negative());
    }
}
