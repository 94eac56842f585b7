//! Results in input order from parallel work: items are taken in order by whichever worker is
//! free, so the few results that finish early wait in a small buffer; a bounded channel keeps
//! workers from running far ahead of the reader. Memory is flat in the number of items, and the
//! first result is handed out as soon as it is ready (a long run's output streams).
//!
//! A long run's items go to the workers in short runs of consecutive items ([`chunk_len`]),
//! each run's results sent together: every message wakes the reader's thread, and waking a
//! thread is dear on a virtual machine — one message per plan cost a tenth of a 10,000-plan
//! run's CPU (system time 1.3 s; 0.55 s with runs of eight, about 0.4 s with runs of 32).

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
        rx: Option<Receiver<(usize, Vec<R>)>>,
        /// Runs of results received before their turn, by run.
        pending: BTreeMap<usize, Vec<R>>,
        /// The results of the run being handed out, in order.
        current: std::vec::IntoIter<R>,
        /// The next run to hand out.
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
        let chunk = chunk_len(len, threads);
        let runs = len.div_ceil(chunk);
        let (tx, rx) = sync_channel::<(usize, Vec<R>)>(threads * 4);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let spawned = std::thread::Builder::new().name("planlint-feeder".into()).spawn(move || {
            pool.install(|| {
                (0..runs).par_bridge().for_each_with(tx, |tx, run| {
                    let start = run * chunk;
                    let mut out = Vec::with_capacity(chunk);
                    for i in start..(start + chunk).min(len) {
                        if stopped.load(Ordering::Relaxed) {
                            return;
                        }
                        out.extend(work(i));
                    }
                    // The receiver only goes away when the reader stops early; nothing to do then.
                    let _ = tx.send((run, out));
                });
            });
        });
        // Without a feeder thread the channel is closed: the iterator ends at once. (Spawning
        // fails only when the system has no thread left; the caller's pool was made already.)
        let feeder = spawned.ok();
        let current = Vec::new().into_iter();
        Self { mode: Mode::Pool { rx: Some(rx), pending: BTreeMap::new(), current, next: 0, stop, feeder } }
    }
}

/// How many consecutive items a worker takes at once: one while a run is short (each result
/// shows as soon as it is ready, and the work spreads evenly), up to 32 in a long run (about
/// 30 ms of work; at least sixteen runs per thread, so the last ones still balance the threads).
fn chunk_len(len: usize, threads: usize) -> usize {
    (len / (threads.max(1) * 16)).clamp(1, 32)
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
            Mode::Pool { rx, pending, current, next, .. } => loop {
                if let Some(r) = current.next() {
                    return Some(r);
                }
                if let Some(run) = pending.remove(next) {
                    *next += 1;
                    *current = run.into_iter();
                    continue;
                }
                let (i, run) = rx.as_ref()?.recv().ok()?;
                pending.insert(i, run);
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
        Some(Arc::new(rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()))
    }

    #[test]
    fn results_come_in_input_order_whatever_the_runs() {
        for threads in [1, 2, 3] {
            // Short runs (one item at a time), long ones (eight), and a last run cut short.
            for len in [0, 1, 5, 31, 32, 100, 1_003] {
                let work: Work<usize> = Arc::new(move |i| (i < len).then_some(i * 10));
                let got: Vec<usize> = Ordered::new(pool(threads), len, work).collect();
                assert_eq!(got, (0..len).map(|i| i * 10).collect::<Vec<_>>(), "{threads} threads, {len} items");
            }
        }
        assert_eq!(chunk_len(10, 2), 1);
        assert_eq!(chunk_len(10_000, 2), 32);
        assert_eq!(chunk_len(100, 2), 3);
    }

    #[test]
    fn a_reader_that_stops_early_stops_the_work() {
        let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&done);
        let work: Work<usize> = Arc::new(move |i| {
            counted.fetch_add(1, Ordering::Relaxed);
            Some(i)
        });
        let mut results = Ordered::new(pool(2), 100_000, work);
        assert_eq!(results.next(), Some(0));
        drop(results);
        // The runs started finish; the rest never start.
        assert!(done.load(Ordering::Relaxed) < 10_000, "{}", done.load(Ordering::Relaxed));
    }
}
