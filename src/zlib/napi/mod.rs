//! napi binding of the zlib engines: CRC-32 (`crc32`), the stream handle that runs
//! Node's per-chunk loop natively (`stream`), one-shot calls, sync, async, parallel
//! and batched (`one_shot`), the settings every entry point reads (`settings`) and
//! how results reach JS (`result`). Async work goes through the shared runner.

mod crc32;
mod one_shot;
mod result;
mod settings;
mod stream;
