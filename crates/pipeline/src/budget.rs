//! The byte budget of a run: how many input bytes may be in flight between the reader and the
//! writer at once.
//!
//! Bounded channels limit batches, not bytes, and how many of them are full at the same moment
//! depends on timing; so a long run reaches a higher peak than a short one. The budget makes the
//! bound explicit: the reader takes a [`Lease`] for every record before it enters the pipeline, the
//! lease travels with the record's batch as a [`Parcel`], and dropping the parcel (the writer is done
//! with it) gives the bytes back. A record larger than the whole budget is still let through when
//! nothing else is in flight, so no input can stall a run.
//!
//! It does not bound what a stage holds back on purpose (normalize's repeat window, a fixed number
//! of documents); those documents' leases are returned when their batch leaves normalize.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use concord_model::Batch;

/// Input bytes allowed in flight at once.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
    /// How often [`Budget::take`] went to sleep, so a test knows a taker is waiting.
    #[cfg(test)]
    waits: std::sync::atomic::AtomicU64,
}

impl Budget {
    /// A budget of `limit` bytes (at least 1).
    pub(crate) fn new(limit: u64) -> Arc<Budget> {
        Arc::new(Budget {
            limit: limit.max(1),
            used: Mutex::new(0),
            freed: Condvar::new(),
            #[cfg(test)]
            waits: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Takes `bytes` if they fit now (or nothing is in flight); never waits.
    pub(crate) fn try_take(self: &Arc<Budget>, bytes: u64) -> Option<Lease> {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        self.fits(*used, bytes).then(|| {
            *used += bytes;
            self.lease(bytes)
        })
    }

    /// Takes `bytes`, waiting until enough were given back.
    pub(crate) fn take(self: &Arc<Budget>, bytes: u64) -> Lease {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while !self.fits(*used, bytes) {
            #[cfg(test)]
            self.waits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used += bytes;
        self.lease(bytes)
    }

    fn fits(&self, used: u64, bytes: u64) -> bool {
        used == 0 || used.saturating_add(bytes) <= self.limit
    }

    fn lease(self: &Arc<Budget>, bytes: u64) -> Lease {
        Lease {
            budget: Some(Arc::clone(self)),
            bytes,
        }
    }

    fn give_back(&self, bytes: u64) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(bytes);
        self.freed.notify_all();
    }

    /// Bytes in flight now.
    #[cfg(test)]
    pub(crate) fn used(&self) -> u64 {
        *self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Bytes taken from a [`Budget`], given back when dropped.
#[derive(Debug, Default)]
pub(crate) struct Lease {
    budget: Option<Arc<Budget>>,
    bytes: u64,
}

impl Lease {
    /// A lease on no budget (batches read back from intermediate files are bounded by channel
    /// slots only).
    pub(crate) fn none() -> Lease {
        Lease::default()
    }

    /// Folds `other` into this lease; both must come from the same budget (or none).
    pub(crate) fn merge(&mut self, mut other: Lease) {
        if self.budget.is_none() {
            self.budget = other.budget.take();
        } else {
            other.budget = None;
        }
        self.bytes += std::mem::take(&mut other.bytes);
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(budget) = self.budget.take() {
            budget.give_back(self.bytes);
        }
    }
}

/// A batch travelling between threads with the budget its records hold.
#[derive(Debug)]
pub(crate) struct Parcel<T> {
    /// The batch.
    pub(crate) batch: Batch<T>,
    /// Its bytes in flight.
    pub(crate) lease: Lease,
}

impl<T> Parcel<T> {
    /// A batch outside any budget.
    pub(crate) fn unbudgeted(batch: Batch<T>) -> Parcel<T> {
        Parcel {
            batch,
            lease: Lease::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    use super::*;

    #[test]
    fn leases_give_their_bytes_back_when_dropped() {
        let budget = Budget::new(100);
        let a = budget.try_take(60).unwrap();
        assert!(budget.try_take(50).is_none());
        let mut b = budget.try_take(40).unwrap();
        assert_eq!(budget.used(), 100);
        b.merge(a);
        assert_eq!(budget.used(), 100);
        drop(b);
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn an_oversized_record_passes_when_nothing_is_in_flight() {
        let budget = Budget::new(10);
        let big = budget.try_take(1_000).unwrap();
        assert!(budget.try_take(1).is_none());
        drop(big);
        assert!(budget.try_take(1).is_some());
    }

    /// No sleep decides this: the taker reports through a channel, and the test goes on only once
    /// the budget says the taker is asleep in `take`. A `take` that does not wait sends its lease
    /// first (the test fails), one that is never woken times out (the test fails).
    #[test]
    fn take_waits_until_bytes_come_back() {
        let budget = Budget::new(10);
        let held = budget.take(8);
        let (sender, taken) = mpsc::channel();
        let waiter = {
            let budget = Arc::clone(&budget);
            thread::spawn(move || {
                let lease = budget.take(5);
                let _ = sender.send(lease.bytes);
                lease
            })
        };
        while budget.waits.load(Ordering::SeqCst) == 0 {
            assert_eq!(
                taken.try_recv().ok(),
                None,
                "the waiter must not get in before the release"
            );
            thread::yield_now();
        }
        // The waiter holds no bytes while it waits (`used` locks the budget, which the waiter
        // gives up only inside the wait).
        assert_eq!(budget.used(), 8);
        drop(held);
        assert_eq!(taken.recv_timeout(Duration::from_secs(10)), Ok(5));
        drop(waiter.join().unwrap());
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn merging_into_an_unbudgeted_lease_keeps_the_budget() {
        let budget = Budget::new(10);
        let mut lease = Lease::none();
        lease.merge(budget.take(4));
        lease.merge(Lease::none());
        assert_eq!(budget.used(), 4);
        drop(lease);
        assert_eq!(budget.used(), 0);
    }
}
