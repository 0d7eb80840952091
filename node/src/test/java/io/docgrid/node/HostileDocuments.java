package io.docgrid.node;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Documents built to hurt a parser, made on the fly where the corpus has none. */
final class HostileDocuments {

  private HostileDocuments() {}

  /** A PNG header claiming 50000×50000 pixels (2.5 gigapixels), with a token of data. */
  static byte[] giantPng() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    DataOutputStream ihdr = new DataOutputStream(header);
    ihdr.writeInt(50_000);
    ihdr.writeInt(50_000);
    ihdr.writeByte(8); // bit depth
    ihdr.writeByte(0); // grayscale
    ihdr.writeByte(0);
    ihdr.writeByte(0);
    ihdr.writeByte(0);
    chunk(out, "IHDR", header.toByteArray());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** A PDF of {@code pages} empty pages. */
  static byte[] manyPagesPdf(int pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        document.addPage(new PDPage());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  /** A PDF whose page tree contains itself: /Kids of the root points back at the root. */
  static byte[] pageTreeLoopPdf() {
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    };
    return pdf(objects);
  }

  /** The first {@code bytes} bytes of a real document: a truncated upload. */
  static byte[] truncated(byte[] document, int bytes) {
    byte[] head = new byte[Math.min(bytes, document.length)];
    System.arraycopy(document, 0, head, 0, head.length);
    return head;
  }

  /**
   * A DOCX whose body inflates from a few hundred kilobytes to {@code inflatedMegabytes} of text: a
   * compression bomb in office clothing.
   */
  static byte[] zipBombDocx(int inflatedMegabytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      docxSkeleton(zip);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                  + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                  + "<w:body><w:p><w:r><w:t>")
              .getBytes(StandardCharsets.UTF_8));
      byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < inflatedMegabytes; i++) {
        zip.write(block);
      }
      zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** A DOCX whose body nests {@code depth} tables inside each other. */
  static byte[] deeplyNestedDocx(int depth) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      docxSkeleton(zip);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      StringBuilder body = new StringBuilder();
      body.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
          .append(
              "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
      body.append("<w:tbl><w:tr><w:tc>".repeat(depth));
      body.append("<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
      body.append("</w:tc></w:tr></w:tbl>".repeat(depth));
      body.append("</w:body></w:document>");
      zip.write(body.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static void docxSkeleton(ZipOutputStream zip) throws IOException {
    zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
    zip.write(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "</Types>")
            .getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("_rels/.rels"));
    zip.write(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                + "</Relationships>")
            .getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream stream = new DataOutputStream(out);
    stream.writeInt(data.length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    stream.write(name);
    stream.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    stream.writeInt((int) crc.getValue());
  }

  private static byte[] pdf(String[] objects) {
    StringBuilder body = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = body.length();
      body.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = body.length();
    body.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      body.append(String.format("%010d 00000 n \n", offset));
    }
    body.append("trailer\n<< /Size ")
        .append(objects.length + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    return body.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
