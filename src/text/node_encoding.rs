//! The encodings Node's StringDecoder knows, numbered as Node numbers them in the
//! decoder's state buffer (`enum encoding` in Node's C++).
//!
//! The ids are the contract with the JS faces, which read them from the addon
//! (`NodeEncoding`) rather than writing them again.

/// Node's encoding ids (6 is BUFFER in Node's enum, never a decoder's encoding).
#[cfg_attr(all(feature = "napi", not(test)), napi_derive::napi)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeEncoding {
    Ascii = 0,
    Utf8 = 1,
    Base64 = 2,
    Utf16Le = 3,
    Latin1 = 4,
    Hex = 5,
    Base64Url = 7,
}

/// Every encoding, in id order.
pub const ALL: [NodeEncoding; 7] = [
    NodeEncoding::Ascii,
    NodeEncoding::Utf8,
    NodeEncoding::Base64,
    NodeEncoding::Utf16Le,
    NodeEncoding::Latin1,
    NodeEncoding::Hex,
    NodeEncoding::Base64Url,
];

impl NodeEncoding {
    /// The id stored in the decoder state's `Encoding` slot.
    pub fn id(self) -> u8 {
        self as u8
    }

    pub fn from_id(id: u8) -> Option<Self> {
        ALL.into_iter().find(|encoding| encoding.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_reads_back_as_its_encoding_and_6_is_not_one() {
        for encoding in ALL {
            assert_eq!(NodeEncoding::from_id(encoding.id()), Some(encoding));
        }
        assert_eq!(NodeEncoding::from_id(6), None);
        assert_eq!(NodeEncoding::from_id(255), None);
    }
}
