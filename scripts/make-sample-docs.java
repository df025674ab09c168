// Generates the binary documents of the Sextant sample corpus (PDF, DOCX, ODT) from the
// reviewable Markdown sources in sample-corpora/sources/, plus one deliberately damaged PDF.
//
// Run from the repository root (/work/main) with JDK 25, using the jars already in ~/.m2:
//
//   M2="$HOME/.m2/repository"
//   CP="$M2/org/apache/pdfbox/pdfbox/3.0.7/pdfbox-3.0.7.jar:$M2/org/apache/pdfbox/pdfbox-io/3.0.7/pdfbox-io-3.0.7.jar:$M2/org/apache/pdfbox/fontbox/3.0.7/fontbox-3.0.7.jar:$M2/commons-logging/commons-logging/1.3.5/commons-logging-1.3.5.jar:$M2/org/apache/poi/poi/5.5.1/poi-5.5.1.jar:$M2/org/apache/poi/poi-ooxml/5.5.1/poi-ooxml-5.5.1.jar:$M2/org/apache/poi/poi-ooxml-full/5.5.1/poi-ooxml-full-5.5.1.jar:$M2/org/apache/xmlbeans/xmlbeans/5.3.0/xmlbeans-5.3.0.jar:$M2/commons-io/commons-io/2.21.0/commons-io-2.21.0.jar:$M2/org/apache/commons/commons-compress/1.28.0/commons-compress-1.28.0.jar:$M2/org/apache/commons/commons-collections4/4.5.0/commons-collections4-4.5.0.jar:$M2/commons-codec/commons-codec/1.19.0/commons-codec-1.19.0.jar:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar:$M2/com/zaxxer/SparseBitSet/1.3/SparseBitSet-1.3.jar:$M2/org/apache/logging/log4j/log4j-api/2.24.3/log4j-api-2.24.3.jar:$M2/com/github/virtuald/curvesapi/1.08/curvesapi-1.08.jar"
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp "$CP" scripts/make-sample-docs.java
//
// (poi-ooxml-full stands in for poi-ooxml-lite, which is not in the local repository.)
// An optional first argument names the sample-corpora directory (default: sample-corpora).
//
// Source format (sources/*.md): a front-matter block between "---" lines with
//   title, author, subject, keywords, output (file name), format (pdf | docx | odt)
// followed by "# Title", "## Section" headings, "- " bullet items and blank-line-separated
// paragraphs. Inline emphasis is not used. All text is original, CC0-1.0.
//
// Text and metadata are reproducible (fixed dates; the damaged PDF uses a seeded generator, and it
// and the ODT are byte-identical across runs). PDF and DOCX bytes still vary slightly: PDFBox
// writes a random document ID and POI stamps the current time on the DOCX ZIP entries.

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

public class MakeSampleDocs {

    /** Fixed timestamp so regenerated files do not change needlessly: 2024-06-01T00:00:00Z. */
    static final long FIXED_MILLIS = 1717200000000L;
    static final String LICENCE_NOTE =
            "Sample text written for this project's demo corpus. Licence: CC0-1.0 (public domain dedication).";
    // Visible text avoids the project name: "sextant" is also a search term in this corpus,
    // so it should occur only where a document is really about the instrument.

    enum Kind { H1, H2, PARA, BULLET }

    record Block(Kind kind, String text) {}

    record Source(Map<String, String> meta, List<Block> blocks) {
        String get(String key) { return meta.getOrDefault(key, ""); }
    }

    public static void main(String[] args) throws Exception {
        // POI logs through log4j-api; with no log4j backend on the class path, use its simple logger.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        Path root = Path.of(args.length > 0 ? args[0] : "sample-corpora");
        Path sources = root.resolve("sources");
        Path docs = root.resolve("documents");
        Files.createDirectories(docs.resolve("broken"));

        List<Path> files;
        try (var s = Files.list(sources)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        Path firstPdf = null;
        for (Path f : files) {
            Source src = parse(Files.readString(f, StandardCharsets.UTF_8));
            Path out = docs.resolve(src.get("output"));
            switch (src.get("format")) {
                case "pdf" -> { writePdf(src, out); if (firstPdf == null) firstPdf = out; }
                case "docx" -> writeDocx(src, out);
                case "odt" -> writeOdt(src, out);
                default -> throw new IllegalArgumentException(f + ": unknown format " + src.get("format"));
            }
            System.out.printf("%-45s -> %s (%,d bytes)%n", f.getFileName(), out, Files.size(out));
        }
        if (firstPdf != null) {
            Path broken = docs.resolve("broken/damaged-report.pdf");
            writeBrokenPdf(firstPdf, broken);
            System.out.printf("%-45s -> %s (%,d bytes)%n", "(damaged copy of " + firstPdf.getFileName() + ")",
                    broken, Files.size(broken));
        }
    }

    // ---------------------------------------------------------------- parsing

    static Source parse(String text) {
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        Map<String, String> meta = new LinkedHashMap<>();
        int i = 0;
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            for (i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
                String l = lines.get(i);
                int c = l.indexOf(':');
                if (c > 0) meta.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
            }
            i++;
        }
        List<Block> blocks = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        Kind paraKind = Kind.PARA;
        for (; i <= lines.size(); i++) {
            String l = i < lines.size() ? lines.get(i).strip() : "";
            boolean startsBlock = l.isEmpty() || l.startsWith("#") || l.startsWith("- ");
            if (startsBlock && !para.isEmpty()) {
                blocks.add(new Block(paraKind, para.toString()));
                para.setLength(0);
                paraKind = Kind.PARA;
            }
            if (l.isEmpty()) continue;
            if (l.startsWith("## ")) blocks.add(new Block(Kind.H2, l.substring(3).strip()));
            else if (l.startsWith("# ")) blocks.add(new Block(Kind.H1, l.substring(2).strip()));
            else {
                if (l.startsWith("- ")) { paraKind = Kind.BULLET; l = l.substring(2).strip(); }
                if (!para.isEmpty()) para.append(' ');
                para.append(l);
            }
        }
        return new Source(meta, blocks);
    }

    // ---------------------------------------------------------------- PDF

    static final float MARGIN = 72f;
    static final float BODY_SIZE = 12f;
    static final float LEADING = 17f;

    /** Lays out text top to bottom over as many A4 pages as needed. */
    static final class PdfWriter implements AutoCloseable {
        final PDDocument doc;
        final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        final PDFont italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        final String footer;
        PDPageContentStream cs;
        float y;
        int pageNo;

        PdfWriter(PDDocument doc, String footer) { this.doc = doc; this.footer = footer; }

        float width() { return PDRectangle.A4.getWidth() - 2 * MARGIN; }

        void newPage() throws IOException {
            if (cs != null) cs.close();
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pageNo++;
            y = PDRectangle.A4.getHeight() - MARGIN;
            String f = footer + pageNo;
            float w = italic.getStringWidth(safe(f)) / 1000 * 9;
            text(italic, 9, (PDRectangle.A4.getWidth() - w) / 2, MARGIN / 2, f);
        }

        void text(PDFont font, float size, float x, float yy, String s) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, yy);
            cs.showText(safe(s));
            cs.endText();
        }

        /** Writes a wrapped block; keeps at least two lines together with a preceding heading. */
        void block(PDFont font, float size, float leading, float indent, String prefix, String s,
                   float spaceBefore, float spaceAfter, boolean keepWithNext) throws IOException {
            List<String> lines = wrap(font, size, width() - indent, s);
            float needed = spaceBefore + leading * lines.size() + (keepWithNext ? 3 * LEADING : 0);
            if (cs == null || y - Math.min(needed, leading * 3 + spaceBefore) < MARGIN) newPage();
            else y -= spaceBefore;
            for (int k = 0; k < lines.size(); k++) {
                if (y - leading < MARGIN) newPage();
                y -= leading;
                if (k == 0 && !prefix.isEmpty()) text(font, size, MARGIN + indent - 12, y, prefix);
                text(font, size, MARGIN + indent, y, lines.get(k));
            }
            y -= spaceAfter;
        }

        List<String> wrap(PDFont font, float size, float maxWidth, String s) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : s.split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(safe(candidate)) / 1000 * size > maxWidth && !line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            if (!line.isEmpty()) out.add(line.toString());
            return out;
        }

        @Override public void close() throws IOException { if (cs != null) cs.close(); }
    }

    /** Maps characters the standard 14 fonts (WinAnsiEncoding) cannot show to close equivalents. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\u2212' -> b.append('-');
                case '\u2009', '\u202F', '\u00A0' -> b.append(' ');
                case '\u2248' -> b.append('~');
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    static Calendar fixedCalendar() {
        Calendar cal = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(FIXED_MILLIS);
        return cal;
    }

    static void writePdf(Source src, Path out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(src.get("title"));
            info.setAuthor(src.get("author"));
            info.setSubject(src.get("subject"));
            info.setKeywords(src.get("keywords"));
            info.setCreator("Sextant scripts/make-sample-docs.java");
            info.setProducer("Apache PDFBox");
            info.setCreationDate(fixedCalendar());
            info.setModificationDate(fixedCalendar());

            try (PdfWriter w = new PdfWriter(doc, "page ")) {
                // Cover page: title, author, subject, licence.
                w.newPage();
                w.y -= 180;
                w.block(w.bold, 24, 30, 0, "", src.get("title"), 0, 18, false);
                w.block(w.regular, 13, 18, 0, "", src.get("subject"), 0, 30, false);
                                w.block(w.italic, 10, 14, 0, "", LICENCE_NOTE, 0, 0, false);
                w.newPage();
                boolean first = true;
                for (Block b : src.blocks()) {
                    switch (b.kind()) {
                        case H1 -> { if (!first) w.newPage(); w.block(w.bold, 18, 24, 0, "", b.text(), 0, 10, true); }
                        case H2 -> w.block(w.bold, 14, 19, 0, "", b.text(), 10, 4, true);
                        case PARA -> w.block(w.regular, BODY_SIZE, LEADING, 0, "", b.text(), 0, 8, false);
                        case BULLET -> w.block(w.regular, BODY_SIZE, LEADING, 18, "\u2022", b.text(), 0, 4, false);
                    }
                    first = false;
                }
            }
            doc.save(out.toFile());
        }
    }

    // ---------------------------------------------------------------- DOCX

    static void addStyle(XWPFStyles styles, String id, String name, int outlineLevel, int halfPoints) {
        CTStyle ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        ct.setType(STStyleType.PARAGRAPH);
        ct.addNewName().setVal(name);
        ct.addNewBasedOn().setVal("Normal");
        ct.addNewNext().setVal("Normal");
        ct.addNewQFormat();
        if (outlineLevel >= 0) ct.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
        var rpr = ct.addNewRPr();
        rpr.addNewB();
        rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        styles.addStyle(new XWPFStyle(ct, styles));
    }

    static void writeDocx(Source src, Path out) throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            var core = doc.getProperties().getCoreProperties();
            core.setTitle(src.get("title"));
            core.setCreator(src.get("author"));
            core.setSubjectProperty(src.get("subject"));
            core.setKeywords(src.get("keywords"));
            core.setDescription(LICENCE_NOTE);
            core.setCreated("2024-06-01T00:00:00Z");
            core.setModified("2024-06-01T00:00:00Z");
            doc.getProperties().getExtendedProperties().setApplication("Sextant scripts/make-sample-docs.java");

            XWPFStyles styles = doc.createStyles();
            addStyle(styles, "Title", "Title", -1, 40);
            addStyle(styles, "Heading1", "heading 1", 0, 32);
            addStyle(styles, "Heading2", "heading 2", 1, 26);

            boolean first = true;
            for (Block b : src.blocks()) {
                XWPFParagraph p = doc.createParagraph();
                XWPFRun r = p.createRun();
                r.setText(b.text());
                switch (b.kind()) {
                    case H1 -> p.setStyle(first ? "Title" : "Heading1");
                    case H2 -> p.setStyle("Heading2");
                    case BULLET -> { r.setText("\u2022 " + b.text(), 0); p.setIndentationLeft(360); }
                    case PARA -> p.setSpacingAfter(160);
                }
                if (first && b.kind() == Kind.H1) {
                    XWPFParagraph by = doc.createParagraph();
                    by.setAlignment(ParagraphAlignment.LEFT);
                    XWPFRun br = by.createRun();
                    br.setItalic(true);
                    br.setText(LICENCE_NOTE);
                }
                first = false;
            }
            try (OutputStream os = Files.newOutputStream(out)) { doc.write(os); }
        }
    }

    // ---------------------------------------------------------------- ODT (plain ZIP + XML)

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static final String NS = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
            + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " office:version=\"1.3\"";

    static void writeOdt(Source src, Path out) throws IOException {
        StringBuilder body = new StringBuilder();
        boolean first = true;
        for (Block b : src.blocks()) {
            switch (b.kind()) {
                case H1 -> body.append(first
                        ? "<text:h text:style-name=\"Title\" text:outline-level=\"1\">"
                        : "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">")
                        .append(xml(b.text())).append("</text:h>\n");
                case H2 -> body.append("<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\">")
                        .append(xml(b.text())).append("</text:h>\n");
                case BULLET -> body.append("<text:p text:style-name=\"Text_20_body\">\u2022 ")
                        .append(xml(b.text())).append("</text:p>\n");
                case PARA -> body.append("<text:p text:style-name=\"Text_20_body\">")
                        .append(xml(b.text())).append("</text:p>\n");
            }
            if (first && b.kind() == Kind.H1) {
                body.append("<text:p text:style-name=\"Text_20_body\">").append(xml(LICENCE_NOTE))
                        .append("</text:p>\n");
            }
            first = false;
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" + NS + ">\n"
                + "<office:body><office:text>\n" + body + "</office:text></office:body></office:document-content>\n";
        String styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles" + NS + ">\n<office:styles>\n"
                + "<style:style style:name=\"Standard\" style:family=\"paragraph\"/>\n"
                + "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
                + "<style:paragraph-properties fo:margin-bottom=\"0.25cm\"/><style:text-properties fo:font-size=\"12pt\"/></style:style>\n"
                + "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
                + "<style:text-properties fo:font-size=\"22pt\" fo:font-weight=\"bold\"/></style:style>\n"
                + "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:default-outline-level=\"1\">"
                + "<style:text-properties fo:font-size=\"16pt\" fo:font-weight=\"bold\"/></style:style>\n"
                + "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:default-outline-level=\"2\">"
                + "<style:text-properties fo:font-size=\"13pt\" fo:font-weight=\"bold\"/></style:style>\n"
                + "</office:styles>\n</office:document-styles>\n";
        String meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta" + NS + ">\n<office:meta>\n"
                + "<meta:generator>Sextant scripts/make-sample-docs.java</meta:generator>\n"
                + "<dc:title>" + xml(src.get("title")) + "</dc:title>\n"
                + "<dc:subject>" + xml(src.get("subject")) + "</dc:subject>\n"
                + "<dc:description>" + xml(LICENCE_NOTE) + "</dc:description>\n"
                + "<meta:initial-creator>" + xml(src.get("author")) + "</meta:initial-creator>\n"
                + "<dc:creator>" + xml(src.get("author")) + "</dc:creator>\n"
                + "<meta:creation-date>2024-06-01T00:00:00</meta:creation-date>\n"
                + "<dc:date>2024-06-01T00:00:00</dc:date>\n"
                + "<meta:keyword>" + xml(src.get("keywords")) + "</meta:keyword>\n"
                + "<dc:language>en</dc:language>\n"
                + "</office:meta>\n</office:document-meta>\n";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n"
                + " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
                + "</manifest:manifest>\n";

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // The mimetype entry must come first and be stored uncompressed.
            byte[] mime = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(mime.length);
            CRC32 crc = new CRC32();
            crc.update(mime);
            e.setCrc(crc.getValue());
            e.setTime(FIXED_MILLIS);
            zip.putNextEntry(e);
            zip.write(mime);
            zip.closeEntry();
            for (var entry : List.of(Map.entry("content.xml", content), Map.entry("styles.xml", styles),
                    Map.entry("meta.xml", meta), Map.entry("META-INF/manifest.xml", manifest))) {
                ZipEntry z = new ZipEntry(entry.getKey());
                z.setTime(FIXED_MILLIS);
                zip.putNextEntry(z);
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(out, bytes.toByteArray());
    }

    // ---------------------------------------------------------------- damaged PDF

    /** The first 300 bytes of a real PDF followed by 1,200 bytes of seeded garbage: no xref, no trailer. */
    static void writeBrokenPdf(Path realPdf, Path out) throws IOException {
        byte[] real = Files.readAllBytes(realPdf);
        byte[] head = java.util.Arrays.copyOf(real, Math.min(300, real.length));
        byte[] junk = new byte[1200];
        new Random(20240601L).nextBytes(junk);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(head);
        b.write(junk);
        Files.write(out, b.toByteArray());
    }
}
