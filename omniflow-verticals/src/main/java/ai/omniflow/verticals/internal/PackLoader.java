package ai.omniflow.verticals.internal;

import ai.omniflow.pack.VerticalPack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads pack files and checks that no slug is used twice. Stateless. */
public final class PackLoader {
  private PackLoader() {}

  /**
   * Reads every file, adding every problem found (in any file) to {@code problems}.
   *
   * @return the valid packs, in the order of {@code files}
   */
  public static List<LoadedPack> load(List<PackFile> files, List<String> problems) {
    List<LoadedPack> loaded = new ArrayList<>();
    for (PackFile file : files) {
      VerticalPack pack = PackReader.read(file, problems);
      if (pack != null) {
        loaded.add(new LoadedPack(file.name(), pack));
      }
    }
    checkSlugsUnique(loaded, problems);
    return loaded;
  }

  /** Adds a problem, naming both files, for each pack whose slug an earlier one has. */
  public static void checkSlugsUnique(List<LoadedPack> packs, List<String> problems) {
    Map<String, String> fileBySlug = new HashMap<>();
    for (LoadedPack loaded : packs) {
      String first = fileBySlug.putIfAbsent(loaded.pack().slug(), loaded.file());
      if (first != null) {
        new Problems(loaded.file(), problems)
            .add("/slug", "the slug '" + loaded.pack().slug() + "' is already used by " + first);
      }
    }
  }
}
