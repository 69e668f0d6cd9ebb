//! Union-find over document indices; the smaller index is always the root, so components do not
//! depend on the order unions are made in.

/// Disjoint sets of `0..n`.
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// The root of `x`'s set (its smallest member).
    pub fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut at = x;
        while self.parent[at as usize] != root {
            let next = self.parent[at as usize];
            self.parent[at as usize] = root;
            at = next;
        }
        root
    }

    /// Joins the sets of `a` and `b`; returns the new root.
    pub fn union(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.find(a), self.find(b));
        let (low, high) = (ra.min(rb), ra.max(rb));
        self.parent[high as usize] = low;
        low
    }

    /// The sets with at least `min` members, each sorted, in order of their smallest member.
    pub fn components(&mut self, min: usize) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut by_root: Vec<Vec<u32>> = vec![Vec::new(); n];
        for x in 0..n as u32 {
            let root = self.find(x);
            by_root[root as usize].push(x);
        }
        by_root.into_iter().filter(|c| c.len() >= min).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_do_not_depend_on_union_order() {
        let edges = [(0, 3), (3, 5), (1, 2), (6, 5)];
        let mut forward = UnionFind::new(7);
        for &(a, b) in &edges {
            forward.union(a, b);
        }
        let mut backward = UnionFind::new(7);
        for &(a, b) in edges.iter().rev() {
            backward.union(b, a);
        }
        let expected = vec![vec![0, 3, 5, 6], vec![1, 2]];
        assert_eq!(forward.components(2), expected);
        assert_eq!(backward.components(2), expected);
        assert_eq!(forward.components(1).len(), 3);
    }
}
