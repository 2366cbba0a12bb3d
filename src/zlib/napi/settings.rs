//! The settings every zlib entry point starts from: an Int32Array the JS face builds
//! once per options object (one typed array crosses, not eight numbers), plus the one
//! optional view a mode takes (the dictionary of a zlib mode, the key/value params of
//! a brotli mode). The slots are named here and nowhere else: JS reads `ZlibSetting`.

use napi::{Error, Result, Status};
use napi_derive::napi;

use crate::binding::ByteView;
use crate::zlib::codecs::{CodecOptions, FlateOptions};
use crate::zlib::mode::Mode;

/// The slots of the settings array; each holds the parsed option as Node numbers it
/// (`zlib.constants`).
#[napi(js_name = "ZlibSetting")]
pub enum Setting {
    Mode = 0,
    WindowBits = 1,
    Level = 2,
    MemLevel = 3,
    Strategy = 4,
    ChunkSize = 5,
    /// The flush a one-shot call finishes with (`finishFlush`).
    FinishFlush = 6,
    /// `ZlibSettingFlag` bits.
    Flags = 7,
}

#[napi]
pub const ZLIB_SETTINGS_LENGTH: u32 = 8;

#[napi(js_name = "ZlibSettingFlag")]
pub enum SettingFlag {
    /// Gunzip stops after one member (Node 24's `rejectGarbageAfterEnd`).
    SingleMember = 1,
}

pub struct Settings {
    pub options: CodecOptions,
    pub finish_flush: i32,
}

pub fn read_settings(settings: &ByteView, extra: Option<ByteView>) -> Result<Settings> {
    let bytes = settings.as_slice();
    if bytes.len() != ZLIB_SETTINGS_LENGTH as usize * 4 {
        return Err(Error::new(
            Status::InvalidArg,
            format!("zlib settings must hold {ZLIB_SETTINGS_LENGTH} numbers"),
        ));
    }
    let slot = |setting: Setting| {
        let index = setting as usize * 4;
        let word = &bytes[index..index + 4];
        i32::from_ne_bytes([word[0], word[1], word[2], word[3]])
    };
    let mode_number = slot(Setting::Mode);
    let mode = Mode::from_node(mode_number as u32).ok_or_else(|| {
        Error::new(
            Status::InvalidArg,
            format!("unknown zlib mode {mode_number}"),
        )
    })?;
    let mut options = CodecOptions::new(mode);
    options.chunk_size = slot(Setting::ChunkSize).max(1) as usize;
    if mode.is_brotli() {
        options.brotli_params = extra.map(|view| key_value_pairs(&view)).unwrap_or_default();
    } else {
        options.flate = FlateOptions {
            window_bits: slot(Setting::WindowBits),
            level: slot(Setting::Level),
            mem_level: slot(Setting::MemLevel),
            strategy: slot(Setting::Strategy),
            dictionary: extra.map(|d| d.as_slice().to_vec()).unwrap_or_default(),
            single_member: slot(Setting::Flags) & SettingFlag::SingleMember as i32 != 0,
        };
    }
    Ok(Settings {
        options,
        finish_flush: slot(Setting::FinishFlush),
    })
}

fn key_value_pairs(view: &ByteView) -> Vec<(u32, u32)> {
    view.as_slice()
        .chunks_exact(8)
        .map(|pair| {
            let key = u32::from_ne_bytes([pair[0], pair[1], pair[2], pair[3]]);
            let value = u32::from_ne_bytes([pair[4], pair[5], pair[6], pair[7]]);
            (key, value)
        })
        .collect()
}
