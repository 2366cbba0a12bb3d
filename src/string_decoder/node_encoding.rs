//! The encodings Node's StringDecoder knows, numbered as Node numbers them in the
//! decoder's state buffer (`enum encoding` in Node's C++).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeEncoding {
    Ascii,
    Utf8,
    Base64,
    Utf16Le,
    Latin1,
    Hex,
    Base64Url,
}

impl NodeEncoding {
    /// The id stored in byte 6 of the decoder state.
    pub fn id(self) -> u8 {
        match self {
            NodeEncoding::Ascii => 0,
            NodeEncoding::Utf8 => 1,
            NodeEncoding::Base64 => 2,
            NodeEncoding::Utf16Le => 3,
            NodeEncoding::Latin1 => 4,
            NodeEncoding::Hex => 5,
            NodeEncoding::Base64Url => 7,
        }
    }

    pub fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => NodeEncoding::Ascii,
            1 => NodeEncoding::Utf8,
            2 => NodeEncoding::Base64,
            3 => NodeEncoding::Utf16Le,
            4 => NodeEncoding::Latin1,
            5 => NodeEncoding::Hex,
            7 => NodeEncoding::Base64Url,
            _ => return None,
        })
    }
}
