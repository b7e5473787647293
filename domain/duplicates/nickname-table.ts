/**
 * Given names that stand for the same person: "bob" ~ "robert", "peggy" ~
 * "margaret", and two nicknames of one name ("bob" ~ "rob"). Built from the
 * table in data/nicknames.csv (lines "name,has_nickname,nickname").
 */
export type NicknameTable = {
  areRelated(a: string, b: string): boolean;
};

export function parseNicknameTable(csv: string): NicknameTable {
  // parentsOf.get("bob") = {"robert", …}: the names "bob" is a nickname of.
  const parentsOf = new Map<string, Set<string>>();
  for (const line of csv.split(/\r?\n/)) {
    const [name, relation, nickname] = line.trim().toLowerCase().split(',');
    if (!name || !nickname || relation !== 'has_nickname' || name === nickname) continue;
    (parentsOf.get(nickname) ?? parentsOf.set(nickname, new Set()).get(nickname)!).add(name);
  }
  const none = new Set<string>();
  return {
    areRelated(a, b) {
      const x = a.trim().toLowerCase();
      const y = b.trim().toLowerCase();
      if (!x || !y) return false;
      if (x === y) return true;
      const px = parentsOf.get(x) ?? none;
      const py = parentsOf.get(y) ?? none;
      if (px.has(y) || py.has(x)) return true;
      // Two nicknames of one formal name. The table also lists nicknames of
      // nicknames ("bill" for both Robert and William), so the shared parent
      // must be at least as long as both: a formal name, not a go-between.
      for (const parent of px) if (py.has(parent) && parent.length >= Math.max(x.length, y.length)) return true;
      return false;
    },
  };
}
