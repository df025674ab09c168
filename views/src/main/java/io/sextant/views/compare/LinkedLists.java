package io.sextant.views.compare;

import io.sextant.services.search.DocHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each file of each list sits in the other lists: what the Compare screen writes next to a
 * hit ("#3 in B", "only here"). Files are matched by their key.
 */
public final class LinkedLists {

  private final List<Map<String, Integer>> rankByKey = new ArrayList<>();

  public LinkedLists(List<List<DocHit>> lists) {
    for (List<DocHit> l : lists) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < l.size(); i++) {
        m.putIfAbsent(l.get(i).docKey(), i + 1);
      }
      rankByKey.add(m);
    }
  }

  /** The 1-based rank of {@code docKey} in list {@code list}, or 0 when it is not there. */
  public int rank(int list, String docKey) {
    return rankByKey.get(list).getOrDefault(docKey, 0);
  }

  /** Whether no other list has {@code docKey}. */
  public boolean unique(int list, String docKey) {
    for (int j = 0; j < rankByKey.size(); j++) {
      if (j != list && rankByKey.get(j).containsKey(docKey)) {
        return false;
      }
    }
    return true;
  }

  /** "#2 in B · #5 in C", "only here", naming lists by letter. */
  public String elsewhere(int list, String docKey) {
    if (unique(list, docKey)) {
      return "only here";
    }
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < rankByKey.size(); j++) {
      Integer r = rankByKey.get(j).get(docKey);
      if (j != list && r != null) {
        if (sb.length() > 0) {
          sb.append(" · ");
        }
        sb.append('#').append(r).append(" in ").append(letter(j));
      }
    }
    return sb.toString();
  }

  public static char letter(int list) {
    return (char) ('A' + list);
  }
}
