//! The vote matrix, sparse: a consultation at city scale has thousands of
//! participants and statements but each person votes on a few dozen, so
//! every step works over the votes cast, never over the empty cells.

use std::collections::HashMap;

/// Votes a participant needs before they are placed: fewer says too little
/// about where they stand.
pub const MIN_VOTES: usize = 3;

/// Placed participants (rows) by statements (columns), each cell −1, 0
/// (pass) or 1, kept both by row and by column.
#[derive(Debug, Clone)]
pub struct Votes {
    /// Account ids of the rows, ascending.
    pub participants: Vec<i64>,
    /// Statement ids of the columns, ascending.
    pub statements: Vec<i64>,
    row_start: Vec<usize>,
    by_row: Vec<(u32, i8)>,
    column_start: Vec<usize>,
    by_column: Vec<(u32, i8)>,
}

impl Votes {
    /// The matrix of `votes` (account, statement, −1/0/1), keeping only
    /// participants with at least [`MIN_VOTES`].
    pub fn new(votes: &[(i64, i64, i8)]) -> Self {
        let mut per_person: HashMap<i64, usize> = HashMap::new();
        for (a, _, _) in votes {
            *per_person.entry(*a).or_default() += 1;
        }
        let mut participants: Vec<i64> = per_person
            .into_iter()
            .filter(|(_, n)| *n >= MIN_VOTES)
            .map(|(a, _)| a)
            .collect();
        participants.sort_unstable();
        let row: HashMap<i64, u32> = participants
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, i as u32))
            .collect();
        let mut statements: Vec<i64> = votes
            .iter()
            .filter(|v| row.contains_key(&v.0))
            .map(|v| v.1)
            .collect();
        statements.sort_unstable();
        statements.dedup();
        let column: HashMap<i64, u32> = statements
            .iter()
            .enumerate()
            .map(|(j, s)| (*s, j as u32))
            .collect();
        let cells: Vec<(u32, u32, i8)> = votes
            .iter()
            .filter_map(|(a, s, v)| Some((*row.get(a)?, *column.get(s)?, (*v).clamp(-1, 1))))
            .collect();
        Self::from_cells(participants, statements, &cells)
    }

    /// Builds both orders from (row, column, vote) cells.
    fn from_cells(participants: Vec<i64>, statements: Vec<i64>, cells: &[(u32, u32, i8)]) -> Self {
        let (row_start, by_row) = bucket(cells, participants.len(), |c| (c.0, c.1, c.2));
        let (column_start, by_column) = bucket(cells, statements.len(), |c| (c.1, c.0, c.2));
        Votes {
            participants,
            statements,
            row_start,
            by_row,
            column_start,
            by_column,
        }
    }

    pub fn rows(&self) -> usize {
        self.participants.len()
    }

    pub fn columns(&self) -> usize {
        self.statements.len()
    }

    pub fn cast(&self) -> usize {
        self.by_row.len()
    }

    /// A participant's votes: (column, vote).
    pub fn row(&self, i: usize) -> &[(u32, i8)] {
        &self.by_row[self.row_start[i]..self.row_start[i + 1]]
    }

    /// A statement's votes: (row, vote).
    pub fn column(&self, j: usize) -> &[(u32, i8)] {
        &self.by_column[self.column_start[j]..self.column_start[j + 1]]
    }

    /// The same participants with the statements of `picks` (columns drawn
    /// with replacement; a column drawn twice counts twice), for the
    /// bootstrap.
    pub fn with_columns(&self, picks: &[usize]) -> Votes {
        let mut cells = Vec::with_capacity(self.cast());
        for (new, &old) in picks.iter().enumerate() {
            cells.extend(self.column(old).iter().map(|&(i, v)| (i, new as u32, v)));
        }
        let statements = picks.iter().map(|&j| self.statements[j]).collect();
        Self::from_cells(self.participants.clone(), statements, &cells)
    }
}

/// Counting sort of `cells` into `buckets` lists by the key `order`
/// gives first; each list holds (the other index, vote), ascending.
fn bucket(
    cells: &[(u32, u32, i8)],
    buckets: usize,
    order: impl Fn(&(u32, u32, i8)) -> (u32, u32, i8),
) -> (Vec<usize>, Vec<(u32, i8)>) {
    let mut start = vec![0usize; buckets + 1];
    for c in cells {
        start[order(c).0 as usize + 1] += 1;
    }
    for k in 0..buckets {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut out = vec![(0u32, 0i8); cells.len()];
    for c in cells {
        let (key, other, vote) = order(c);
        out[fill[key as usize]] = (other, vote);
        fill[key as usize] += 1;
    }
    for k in 0..buckets {
        let list = &mut out[start[k]..start[k + 1]];
        if !list.is_sorted_by_key(|c| c.0) {
            list.sort_unstable_by_key(|c| c.0);
        }
    }
    (start, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_columns_hold_the_same_votes_and_light_voters_are_left_out() {
        let v = Votes::new(&[
            (7, 30, 1),
            (7, 10, -1),
            (7, 20, 0),
            (5, 20, 1),
            (5, 10, 1),
            (5, 30, 1),
            (9, 10, 1), // one vote: not placed
        ]);
        assert_eq!(v.participants, vec![5, 7]);
        assert_eq!(v.statements, vec![10, 20, 30]);
        assert_eq!(v.row(1), &[(0, -1), (1, 0), (2, 1)]);
        assert_eq!(v.column(0), &[(0, 1), (1, -1)]);
        assert_eq!(v.cast(), 6);
        let twice = v.with_columns(&[2, 2, 0]);
        assert_eq!(twice.statements, vec![30, 30, 10]);
        assert_eq!(twice.row(1), &[(0, 1), (1, 1), (2, -1)]);
    }
}
