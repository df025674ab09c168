package io.sextant.services.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the files to index under one or more roots.
 *
 * <p>The walk is depth-first with the entries of each folder in name order, so the same tree
 * always gives the same sequence. It skips hidden entries (a name starting with '.', or hidden by
 * the file system) and junk files that operating systems and office suites leave around. A root
 * named explicitly is always walked, even if it is hidden; a root that is a file is always
 * yielded, since the user asked for exactly that file.
 *
 * <p>Symbolic links are followed only when their real target stays inside the root's real path
 * and has not been seen yet; this makes cycles impossible and keeps a walk from wandering out of
 * what the user chose. Anything skipped for a reason the user may want to know (unreadable
 * folders and files, broken or escaping links) is reported as a {@link Problem} and the walk goes
 * on.
 *
 * <p>Immutable and thread-safe; each {@link #walk} call has its own state.
 */
public final class FileWalker {

  /** Something the walk could not or would not enter, with a short human reason. */
  public record Problem(Path path, String reason) {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
    }

    /** Whether the operating system refused access (every such reason is worded by this class). */
    public boolean permissionDenied() {
      return reason.endsWith(": permission denied");
    }
  }

  /** The outcome of {@link #list()}. */
  public record Listing(List<Path> files, List<Problem> problems) {
    public Listing {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  private static final Set<String> JUNK_NAMES =
      Set.of("thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store");

  private final List<Path> roots;
  private final Set<String> extensions;
  private final boolean followLinksOutside;

  /** Walks {@code roots}, yielding files of every type. */
  public FileWalker(Collection<Path> roots) {
    this(roots, Set.of());
  }

  /**
   * @param roots folders to walk or files to yield, in the order given
   * @param extensions extensions to keep, without the dot and in any case ("pdf", "md"); empty
   *     keeps every file
   */
  public FileWalker(Collection<Path> roots, Collection<String> extensions) {
    this(roots, extensions, false);
  }

  /**
   * @param followLinksOutside follow symbolic links whose target lies outside the root they were
   *     found in (off by default: a link to / in a dropped folder would index the whole disk).
   *     Loops are still cut: every real folder is walked once.
   */
  public FileWalker(Collection<Path> roots, Collection<String> extensions, boolean followLinksOutside) {
    Objects.requireNonNull(roots, "roots");
    Objects.requireNonNull(extensions, "extensions");
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("at least one root is needed");
    }
    List<Path> copy = new ArrayList<>();
    for (Path root : roots) {
      copy.add(Objects.requireNonNull(root, "root").toAbsolutePath().normalize());
    }
    this.roots = List.copyOf(copy);
    Set<String> exts = new HashSet<>();
    for (String e : extensions) {
      String ext = Objects.requireNonNull(e, "extension").toLowerCase(Locale.ROOT);
      ext = ext.startsWith(".") ? ext.substring(1) : ext;
      if (ext.isEmpty() || ext.contains("/") || ext.contains("\\")) {
        throw new IllegalArgumentException("not a file extension: '" + e + "'");
      }
      exts.add(ext);
    }
    this.extensions = Set.copyOf(exts);
    this.followLinksOutside = followLinksOutside;
  }

  public List<Path> roots() {
    return roots;
  }

  /** Walks everything and collects the result; fine for trees of up to millions of files. */
  public Listing list() {
    List<Path> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    walk(files::add, problems::add);
    return new Listing(files, problems);
  }

  /**
   * Walks the roots, calling {@code onFile} for each file to index (as a path under its root, as
   * given) and {@code onProblem} for each entry skipped for a reason worth telling.
   */
  public void walk(Consumer<? super Path> onFile, Consumer<? super Problem> onProblem) {
    Objects.requireNonNull(onFile, "onFile");
    Objects.requireNonNull(onProblem, "onProblem");
    Walk walk = new Walk(onFile, onProblem);
    for (Path root : roots) {
      walk.root(root);
    }
  }

  /** Whether a file or folder name is hidden or junk, judged by the name alone. */
  static boolean isHiddenOrJunkName(String name) {
    if (name.startsWith(".") || name.startsWith("~$")) { // ~$ = Office owner/lock files
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return JUNK_NAMES.contains(lower) || lower.endsWith(".tmp");
  }

  private boolean wantedExtension(Path file) {
    if (extensions.isEmpty()) {
      return true;
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** State of one walk: folders seen (by real path) across all roots, so nothing repeats. */
  private final class Walk {
    private final Consumer<? super Path> onFile;
    private final Consumer<? super Problem> onProblem;
    private final Set<Path> visitedDirs = new HashSet<>();
    private final Set<Path> yieldedFiles = new HashSet<>();

    Walk(Consumer<? super Path> onFile, Consumer<? super Problem> onProblem) {
      this.onFile = onFile;
      this.onProblem = onProblem;
    }

    void root(Path root) {
      Path realRoot;
      BasicFileAttributes attrs;
      try {
        realRoot = root.toRealPath();
        attrs = Files.readAttributes(realRoot, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        onProblem.accept(new Problem(root, "does not exist"));
        return;
      } catch (IOException e) {
        onProblem.accept(new Problem(root, reason("cannot open", e)));
        return;
      }
      if (attrs.isRegularFile()) {
        if (yieldedFiles.add(realRoot)) {
          onFile.accept(root);
        }
      } else if (attrs.isDirectory()) {
        walkTree(root, realRoot);
      } else {
        onProblem.accept(new Problem(root, "neither a file nor a folder"));
      }
    }

    /**
     * Iterative depth-first walk: an explicit stack of open folder listings, so a very deep tree
     * cannot overflow the call stack.
     */
    private void walkTree(Path root, Path realRoot) {
      if (!visitedDirs.add(realRoot)) {
        return; // an earlier root already covered this folder
      }
      Deque<Frame> stack = new ArrayDeque<>();
      Frame top = open(root, realRoot);
      if (top == null) {
        return;
      }
      stack.push(top);
      while (!stack.isEmpty()) {
        Frame frame = stack.peek();
        if (!frame.entries.hasNext()) {
          stack.pop();
          continue;
        }
        Path entry = frame.entries.next();
        Path realEntry = frame.realDir.resolve(entry.getFileName());
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isSymbolicLink()) {
            realEntry = followable(entry, realRoot);
            if (realEntry == null) {
              continue;
            }
            attrs = Files.readAttributes(realEntry, BasicFileAttributes.class);
          } else if (isHidden(entry)) {
            continue;
          }
        } catch (NoSuchFileException e) {
          continue; // deleted while we walked: nothing to index, nothing to report
        } catch (IOException e) {
          onProblem.accept(new Problem(entry, reason("cannot read", e)));
          continue;
        }
        if (attrs.isDirectory()) {
          if (visitedDirs.add(realEntry)) {
            Frame child = open(entry, realEntry);
            if (child != null) {
              stack.push(child);
            }
          } else {
            onProblem.accept(new Problem(entry, "skipped: folder already walked (reached again through a link)"));
          }
        } else if (attrs.isRegularFile()) {
          file(entry, realEntry);
        }
        // Sockets, pipes and devices are never documents: skip them silently.
      }
    }

    private void file(Path file, Path realFile) {
      if (!wantedExtension(file)) {
        return;
      }
      if (!Files.isReadable(file)) {
        onProblem.accept(new Problem(file, "cannot read file: permission denied"));
        return;
      }
      // A link to a file inside the root: the file is indexed once, under the first name met.
      if (yieldedFiles.add(realFile)) {
        onFile.accept(file);
      }
    }

    /** The real target of a link if it may be followed, else null (with a problem reported). */
    private Path followable(Path link, Path realRoot) throws IOException {
      Path target;
      try {
        target = link.toRealPath();
      } catch (NoSuchFileException e) {
        onProblem.accept(new Problem(link, "skipped: broken symbolic link"));
        return null;
      }
      if (!followLinksOutside && !target.startsWith(realRoot)) {
        onProblem.accept(new Problem(link, "skipped: symbolic link leads outside the root"));
        return null;
      }
      return target;
    }

    private Frame open(Path dir, Path realDir) {
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path p : stream) {
          if (!isHiddenOrJunkName(p.getFileName().toString())) {
            entries.add(p);
          }
        }
      } catch (IOException | SecurityException e) {
        onProblem.accept(new Problem(dir, reason("cannot read folder", e)));
        return null;
      }
      // Name order, not the file system's arbitrary order: the same tree gives the same walk.
      entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      return new Frame(realDir, entries.iterator());
    }
  }

  private record Frame(Path realDir, Iterator<Path> entries) {}

  private static boolean isHidden(Path p) {
    try {
      return Files.isHidden(p); // the DOS hidden attribute on Windows; names are checked already
    } catch (IOException e) {
      return false;
    }
  }

  private static String reason(String what, Exception e) {
    if (e instanceof AccessDeniedException) {
      return what + ": permission denied";
    }
    String message = e.getMessage();
    return what + ": " + (message == null ? e.getClass().getSimpleName() : message);
  }
}
