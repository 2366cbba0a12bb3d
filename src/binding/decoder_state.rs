//! A StringDecoder's state buffer as napi hands it over (string_decoder's decoders
//! and readline's line decoder both keep Node's 7-byte state on the JS object).

use napi::{Error, Result, Status};

use super::ByteView;
use crate::text::node_decoder::{State, UnknownEncodingId, STATE_LEN};

pub fn read_state(view: &ByteView) -> Result<State> {
    State::try_from(view.as_slice()).map_err(|_| {
        Error::new(
            Status::InvalidArg,
            format!("decoder state must be {STATE_LEN} bytes"),
        )
    })
}

pub fn unknown_id(error: UnknownEncodingId) -> Error {
    Error::new(
        Status::InvalidArg,
        format!("unknown encoding id {} in decoder state", error.0),
    )
}
