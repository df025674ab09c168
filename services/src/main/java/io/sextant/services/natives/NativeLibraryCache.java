package io.sextant.services.natives;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the native libraries of sqlite-jdbc and ONNX Runtime in a folder of their own and points
 * both at it through their documented system properties ({@code org.sqlite.lib.path},
 * {@code org.sqlite.lib.name}, {@code org.sqlite.tmpdir}, {@code onnxruntime.native.path}).
 *
 * <p>Why: left alone, each copies its library out of its jar into the temp folder at every start
 * and deletes it at exit. For SQLite that is on the path to a usable window: sqlite-jdbc also lists
 * the whole temp folder to clean up old copies, then compares the jar's bytes with any copy it
 * finds (a sixth of the workspace-opening thread's CPU in a profile of the window's start). For
 * ONNX Runtime it is 28 MB inflated and written before the first semantic search, and a killed
 * process leaves its copy behind. Here each library is extracted once, into a folder named after
 * the jar entry's CRC-32 and size (so a new driver version gets a folder of its own), and later
 * starts only check that the file is there.
 *
 * <p>Nothing here is required: when a resource is missing (another platform), a property is
 * already set, or extraction fails, the library falls back to its own loading, as before.
 */
public final class NativeLibraryCache {

  private static final Logger LOG = Logger.getLogger(NativeLibraryCache.class.getName());

  private final Path dir;

  /** @param dir the folder for extracted libraries, e.g. {@code <data home>/native} */
  public NativeLibraryCache(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  /**
   * Extracts what is not extracted yet and sets the libraries' properties, for the libraries of
   * this platform found on the class path. Call before the first SQLite connection or ONNX Runtime
   * call; cheap when everything is in place (a few file checks).
   *
   * @return the properties set, as "name=value" (for logs and tests)
   */
  public List<String> install() {
    List<String> set = new ArrayList<>();
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String sqliteOs = os.startsWith("linux") ? "Linux" : os.startsWith("mac") ? "Mac"
        : os.startsWith("windows") ? "Windows" : null;
    String sqliteArch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    if (sqliteOs != null && sqliteArch != null && System.getProperty("org.sqlite.lib.path") == null) {
      String name = System.mapLibraryName("sqlitejdbc");
      Path folder = extract("sqlite", List.of("org/sqlite/native/" + sqliteOs + "/" + sqliteArch + "/" + name));
      if (folder != null) {
        set.add(put("org.sqlite.lib.path", folder.toString()));
        set.add(put("org.sqlite.lib.name", name));
        // sqlite-jdbc lists this folder at every start to delete stale copies: keep it small
        if (System.getProperty("org.sqlite.tmpdir") == null) {
          set.add(put("org.sqlite.tmpdir", folder.toString()));
        }
      }
    }
    String ortOs = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx"
        : os.startsWith("windows") ? "win" : null;
    String ortArch = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    if (ortOs != null && ortArch != null && System.getProperty("onnxruntime.native.path") == null) {
      String base = "ai/onnxruntime/native/" + ortOs + "-" + ortArch + "/";
      Path folder = extract("onnxruntime", List.of(base + System.mapLibraryName("onnxruntime"),
          base + System.mapLibraryName("onnxruntime4j_jni")));
      if (folder != null) {
        set.add(put("onnxruntime.native.path", folder.toString()));
      }
    }
    return set;
  }

  private static String put(String key, String value) {
    System.setProperty(key, value);
    return key + "=" + value;
  }

  /**
   * The folder holding all of {@code resources} (by file name), extracting those missing; null
   * when one is not on the class path or cannot be written.
   */
  private Path extract(String name, List<String> resources) {
    try {
      List<URL> urls = new ArrayList<>();
      StringBuilder key = new StringBuilder(name);
      for (String r : resources) {
        URL url = NativeLibraryCache.class.getClassLoader().getResource(r);
        if (url == null) {
          return null;
        }
        urls.add(url);
        key.append('-').append(fingerprint(url));
      }
      Path folder = dir.resolve(key.toString());
      for (int i = 0; i < resources.size(); i++) {
        String r = resources.get(i);
        Path target = folder.resolve(r.substring(r.lastIndexOf('/') + 1));
        if (!Files.isRegularFile(target) || Files.size(target) != size(urls.get(i))) {
          Files.createDirectories(folder);
          // a temp file in the same folder, then a rename: another process starting at the same
          // time never sees a half-written library
          Path tmp = Files.createTempFile(folder, ".extract", ".tmp");
          try (InputStream in = urls.get(i).openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } finally {
            Files.deleteIfExists(tmp);
          }
          LOG.fine(() -> "extracted " + r + " to " + target);
        }
      }
      return folder;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not keep the " + name + " native library in " + dir
          + "; it extracts itself to the temp folder as before", e);
      return null;
    }
  }

  /** CRC-32 and size of a jar entry, from the jar's directory (nothing is inflated). */
  private static String fingerprint(URL url) throws IOException {
    URLConnection c = url.openConnection();
    if (c instanceof JarURLConnection jar) {
      var entry = jar.getJarEntry();
      return Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
    }
    return "file-" + c.getContentLengthLong(); // a class-path folder (tests): size only
  }

  private static long size(URL url) throws IOException {
    URLConnection c = url.openConnection();
    if (c instanceof JarURLConnection jar) {
      return jar.getJarEntry().getSize();
    }
    return c.getContentLengthLong();
  }
}
