//! Results in input order from parallel work: items are taken in order by whichever worker is
//! free, so the few results that finish early wait in a small buffer; a bounded channel keeps
//! workers from running far ahead of the reader. Memory is flat in the number of items, and the
//! first result is handed out as soon as it is ready (a long run's output streams).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

use rayon::prelude::*;

/// The work of a run: the result for the item at an index (`None` past the last item).
pub(super) type Work<R> = Arc<dyn Fn(usize) -> Option<R> + Send + Sync>;

/// An iterator over the results of a run's items, in item order. Dropping it early stops the
/// items not yet started.
pub struct Ordered<R> {
    mode: Mode<R>,
}

enum Mode<R> {
    /// Without a pool (one input): each result is computed on the reader's thread when asked.
    Here { work: Work<R>, next: usize, len: usize },
    /// On the pool's threads.
    Pool {
        /// `None` once the iterator is dropped (workers then stop sending).
        rx: Option<Receiver<(usize, R)>>,
        pending: BTreeMap<usize, R>,
        next: usize,
        stop: Arc<AtomicBool>,
        feeder: Option<JoinHandle<()>>,
    },
}

impl<R: Send + 'static> Ordered<R> {
    /// Run `work` over `0..len`, on `pool`'s threads if any, else lazily on the caller's.
    pub(super) fn new(pool: Option<Arc<rayon::ThreadPool>>, len: usize, work: Work<R>) -> Self {
        let Some(pool) = pool else {
            return Self { mode: Mode::Here { work, next: 0, len } };
        };
        let threads = pool.current_num_threads().max(1);
        let (tx, rx) = sync_channel::<(usize, R)>(threads * 4);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let spawned = std::thread::Builder::new().name("planlint-feeder".into()).spawn(move || {
            pool.install(|| {
                (0..len).par_bridge().for_each_with(tx, |tx, i| {
                    if stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    // The receiver only goes away when the reader stops early; nothing to do then.
                    if let Some(r) = work(i) {
                        let _ = tx.send((i, r));
                    }
                });
            });
        });
        // Without a feeder thread the channel is closed: the iterator ends at once. (Spawning
        // fails only when the system has no thread left; the caller's pool was made already.)
        let feeder = spawned.ok();
        Self { mode: Mode::Pool { rx: Some(rx), pending: BTreeMap::new(), next: 0, stop, feeder } }
    }
}

impl<R> Iterator for Ordered<R> {
    type Item = R;

    fn next(&mut self) -> Option<R> {
        match &mut self.mode {
            Mode::Here { work, next, len } => {
                if *next >= *len {
                    return None;
                }
                let r = work(*next);
                *next += 1;
                r
            }
            Mode::Pool { rx, pending, next, .. } => loop {
                if let Some(r) = pending.remove(next) {
                    *next += 1;
                    return Some(r);
                }
                let (i, r) = rx.as_ref()?.recv().ok()?;
                pending.insert(i, r);
            },
        }
    }
}

impl<R> Drop for Ordered<R> {
    /// Stop the items not yet started and wait for those running: no work outlives the iterator.
    fn drop(&mut self) {
        if let Mode::Pool { rx, stop, feeder, .. } = &mut self.mode {
            stop.store(true, Ordering::Relaxed);
            drop(rx.take());
            if let Some(feeder) = feeder.take() {
                let _ = feeder.join();
            }
        }
    }
}
