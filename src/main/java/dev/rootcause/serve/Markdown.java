package dev.rootcause.serve;

import dev.rootcause.report.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown our reports write (the postmortem, a rule's page) as HTML for a page: tables kept, link
 * targets sanitized, and any HTML in the text shown as text, except the {@code <br>} a table cell
 * uses for a line break.
 */
final class Markdown {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .extensions(EXTENSIONS)
          .sanitizeUrls(true)
          .nodeRendererFactory(RawHtmlAsText::new)
          .build();

  private Markdown() {}

  static String html(String markdown) {
    return RENDERER.render(PARSER.parse(Redaction.redact(markdown)));
  }

  /** Raw HTML in the Markdown is shown, not obeyed; a line break in a table cell stays one. */
  private static final class RawHtmlAsText implements NodeRenderer {
    private final HtmlWriter html;

    RawHtmlAsText(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(HtmlInline.class, HtmlBlock.class);
    }

    @Override
    public void render(Node node) {
      if (node instanceof HtmlInline inline) {
        String literal = inline.getLiteral().trim();
        if (literal.equals("<br>") || literal.equals("<br/>") || literal.equals("<br />")) {
          html.tag("br", Map.of(), true);
        } else {
          html.text(inline.getLiteral());
        }
        return;
      }
      html.tag("p");
      html.text(((HtmlBlock) node).getLiteral());
      html.tag("/p");
    }
  }
}
