//! Hashing files: read and hash in one loop off the JS thread, many files in parallel.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::digest::{Algorithm, Hasher, Output};
use crate::work_control::{Cancelled, WorkControl};

/// Which call failed, for errors shaped like Node's fs errors.
#[derive(Debug)]
pub struct FileError {
    pub error: io::Error,
    pub syscall: &'static str,
}

const READ_SIZE: usize = 1 << 20;

pub fn hash_file(algorithm: Algorithm, path: &Path) -> Result<Output, FileError> {
    let mut file = File::open(path).map_err(|error| FileError {
        error,
        syscall: "open",
    })?;
    let mut buffer = vec![0u8; READ_SIZE];
    let mut hasher = Hasher::new(algorithm);
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Ok(hasher.finish()),
            Ok(read) => hasher.update(&buffer[..read]),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => {
                return Err(FileError {
                    error,
                    syscall: "read",
                })
            }
        }
    }
}

/// Each file's digest or error, in order, at most `concurrency` files at a time (0:
/// as many as the pool has threads). The files are read on the pool's own threads:
/// `concurrency` workers take the next file as they finish one. Progress counts files;
/// once `control` is cancelled no worker starts another file.
pub fn hash_files(
    algorithm: Algorithm,
    paths: &[String],
    concurrency: usize,
    control: &WorkControl,
) -> Result<Vec<Result<Output, FileError>>, Cancelled> {
    control.add_total(paths.len() as u64);
    let threads = rayon::current_num_threads();
    let workers = match concurrency {
        0 => threads,
        n => n.min(threads),
    }
    .min(paths.len())
    .max(1);
    let next = AtomicUsize::new(0);
    // Each worker takes the next file as it finishes one, and keeps what it hashed
    // with the file's place; the places put them back in order.
    let mut hashed: Vec<(usize, Result<Output, FileError>)> = (0..workers)
        .into_par_iter()
        .flat_map_iter(|_| {
            std::iter::from_fn(|| {
                control.check().ok()?;
                let at = next.fetch_add(1, Ordering::Relaxed);
                let path = paths.get(at)?;
                let result = hash_file(algorithm, Path::new(path));
                control.advance(1);
                Some((at, result))
            })
        })
        .collect();
    control.check()?;
    hashed.sort_unstable_by_key(|(at, _)| *at);
    Ok(hashed.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::digest::digest;

    #[test]
    fn a_file_hashes_like_its_contents_and_a_missing_one_fails_at_open() {
        let dir = std::env::temp_dir().join(format!("hotpath-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("data.bin");
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let paths = vec![
            path.to_string_lossy().into_owned(),
            dir.join("missing").to_string_lossy().into_owned(),
        ];
        let control = WorkControl::new();
        let results = hash_files(Algorithm::Sha256, &paths, 2, &control).unwrap();
        assert_eq!((control.done(), control.total()), (2, 2));
        assert_eq!(
            results[0].as_ref().unwrap().as_bytes(),
            digest(Algorithm::Sha256, &data).as_bytes()
        );
        let error = results[1].as_ref().err().unwrap();
        assert_eq!(
            (error.error.kind(), error.syscall),
            (io::ErrorKind::NotFound, "open")
        );
        let dir_error = hash_file(Algorithm::Sha256, &dir).err().unwrap();
        assert_eq!(dir_error.syscall, "read");
        control.cancel();
        assert_eq!(
            hash_files(Algorithm::Sha256, &paths, 2, &control).err(),
            Some(Cancelled)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
