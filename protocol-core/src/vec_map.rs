//! The small ordered maps of the world (connections, delivery attempts, DNS
//! records, links, mailboxes): `litemap`'s `LiteMap`, a map kept as a sorted
//! `Vec`, from the ICU4X project.
//!
//! It iterates in key order like `BTreeMap` (so traces and views come out
//! the same), but its code is a binary search and a `Vec` insert or remove;
//! every `BTreeMap<K, V>` type brings its own copy of the B-tree's insertion
//! and rebalancing code, several KB each in the web bundle. Inserting or
//! removing is O(n) (a `memmove`): keep to maps that stay small, or that
//! grow only at the end (increasing keys, as `WorldView`'s sessions by
//! connection id).

pub type VecMap<K, V> = litemap::LiteMap<K, V>;

/// `BTreeMap::entry(..).or_default()` and `.or_insert_with(..)` in one call.
pub trait VecMapExt<K, V> {
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V;
    fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        self.get_or_insert_with(key, V::default)
    }
}

impl<K: Ord, V> VecMapExt<K, V> for VecMap<K, V> {
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        self.entry(key).or_insert_with(make)
    }
}

#[cfg(test)]
mod tests {
    use super::{VecMap, VecMapExt};
    use std::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut v = VecMap::new();
        let mut b = BTreeMap::new();
        for (i, k) in [5u32, 1, 9, 1, 7, 3, 9, 0].into_iter().enumerate() {
            assert_eq!(v.insert(k, i), b.insert(k, i));
        }
        for k in [3u32, 4, 9] {
            assert_eq!(v.remove(&k), b.remove(&k));
        }
        *v.get_or_default(4) += 10;
        *b.entry(4).or_default() += 10;
        *v.get_or_default(5) += 10;
        *b.entry(5).or_default() += 10;
        assert_eq!(v.iter().collect::<Vec<_>>(), b.iter().collect::<Vec<_>>());
        assert_eq!(v.get(&7), b.get(&7));
        assert_eq!(v.len(), b.len());
    }
}
