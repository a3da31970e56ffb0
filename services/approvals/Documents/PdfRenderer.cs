using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Longgang.Approvals.Documents;

/// <summary>
/// Sets a <see cref="PrintedDocument"/> on A4 pages with PDFsharp, in <see cref="DocumentFont"/> (embedded as a subset, so
/// the file reads the same anywhere). Chinese has no spaces to break at, so lines break at any character that would
/// cross the margin; a long list of materials runs onto further pages.
/// </summary>
public sealed class PdfRenderer(DocumentFont font)
{
    private const double Margin = 72; // 2.54 cm
    private const double BodySize = 12;
    private const double LineHeight = BodySize * 1.8;

    public byte[] Render(PrintedDocument document)
    {
        if (!font.IsInstalled) throw new FileNotFoundException(font.MissingMessage, font.Path);
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = document.VerificationCode;
        // a fixed creation date: the same document renders to the same text (its code, dates and fields)
        pdf.Info.CreationDate = DateTime.UnixEpoch;
        var writer = new PageWriter(pdf);

        writer.Line(document.Title, 22, XStringFormats.TopCenter, spaceAfter: 18);
        writer.Paragraph(document.Addressee);
        foreach (var paragraph in document.Paragraphs) writer.Paragraph("　　" + paragraph);
        for (var i = 0; i < document.Items.Count; i++) writer.Paragraph($"　　{i + 1}. {document.Items[i]}");
        writer.Gap();
        foreach (var (label, value) in document.Fields) writer.Paragraph($"{label}：{value}");
        writer.Gap();
        foreach (var paragraph in document.Closing) writer.Paragraph("　　" + paragraph);
        writer.Gap();
        writer.Line(document.Issuer, BodySize, XStringFormats.TopRight);
        writer.Line(document.IssuedOn, BodySize, XStringFormats.TopRight);
        writer.Gap();
        writer.Paragraph($"验证码：{DocumentCodes.Display(document.VerificationCode)}（可在 /api/approvals/v1/public/documents/{document.VerificationCode} 查验真伪）", 9);

        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A cursor down the current page that starts a new page at the bottom margin.</summary>
    private sealed class PageWriter(PdfDocument pdf)
    {
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        private XGraphics Graphics => _graphics ?? NewPage();
        private double Width => _page!.Width.Point - 2 * Margin;

        public void Line(string text, double size, XStringFormat format, double spaceAfter = 0)
        {
            var graphics = Graphics;
            EnsureRoom(size * 1.8);
            graphics.DrawString(text, Font(size), XBrushes.Black, new XRect(Margin, _y, Width, size * 1.8), format);
            _y += size * 1.8 + spaceAfter;
        }

        public void Paragraph(string text, double size = BodySize)
        {
            var graphics = Graphics;
            var xFont = Font(size);
            foreach (var line in Wrap(graphics, text, xFont, Width))
            {
                EnsureRoom(size * 1.8);
                graphics.DrawString(line, xFont, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.8), XStringFormats.TopLeft);
                _y += size * 1.8;
            }
        }

        public void Gap() => _y += LineHeight / 2;

        private void EnsureRoom(double height)
        {
            if (_y + height > _page!.Height.Point - Margin) NewPage();
        }

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            _page = pdf.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _graphics;
        }

        private static XFont Font(double size) => new(DocumentFont.FamilyName, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        private static IEnumerable<string> Wrap(XGraphics graphics, string text, XFont xFont, double width)
        {
            var start = 0;
            for (var end = 1; end <= text.Length; end++)
            {
                if (end - start > 1 && graphics.MeasureString(text[start..end], xFont).Width > width)
                {
                    yield return text[start..(end - 1)];
                    start = end - 1;
                }
            }
            if (start < text.Length) yield return text[start..];
        }
    }
}
