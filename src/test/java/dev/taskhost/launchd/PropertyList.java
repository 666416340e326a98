package dev.taskhost.launchd;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parser for XML property lists (Apple's plist format) into plain Java values: a
 * {@code dict} becomes a {@code Map<String, Object>} in document order, an
 * {@code array} a {@code List<Object>}, {@code integer} a {@code Long},
 * {@code true}/{@code false} a {@code Boolean} and {@code string} a {@code String}.
 */
final class PropertyList {

  private PropertyList() {
  }

  /** Parses a plist document and returns its top-level dictionary. */
  static Map<String, Object> parseDict(String xml) {
    try {
      Element root = newBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
      if (!root.getTagName().equals("plist")) {
        throw new IllegalArgumentException("root element is <" + root.getTagName() + ">, expected <plist>");
      }
      List<Element> children = childElements(root);
      if (children.size() != 1 || !children.get(0).getTagName().equals("dict")) {
        throw new IllegalArgumentException("<plist> must contain exactly one <dict>");
      }
      return parseDict(children.get(0));
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new IllegalArgumentException("invalid property list: " + e.getMessage(), e);
    }
  }

  private static DocumentBuilder newBuilder() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // The DOCTYPE names Apple's DTD by URL; reading it would need the network.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setValidating(false);
    factory.setIgnoringComments(true);
    return factory.newDocumentBuilder();
  }

  private static Object parseValue(Element element) {
    String text = element.getTextContent();
    switch (element.getTagName()) {
      case "dict":
        return parseDict(element);
      case "array":
        List<Object> items = new ArrayList<>();
        for (Element child : childElements(element)) {
          items.add(parseValue(child));
        }
        return items;
      case "string":
        return text;
      case "integer":
        return Long.parseLong(text.trim());
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("unsupported plist element <" + element.getTagName() + ">");
    }
  }

  private static Map<String, Object> parseDict(Element dict) {
    Map<String, Object> entries = new LinkedHashMap<>();
    List<Element> children = childElements(dict);
    if (children.size() % 2 != 0) {
      throw new IllegalArgumentException("<dict> has a <key> without a value");
    }
    for (int i = 0; i < children.size(); i += 2) {
      Element key = children.get(i);
      if (!key.getTagName().equals("key")) {
        throw new IllegalArgumentException("expected <key> in <dict>, found <" + key.getTagName() + ">");
      }
      Object previous = entries.put(key.getTextContent(), parseValue(children.get(i + 1)));
      if (previous != null) {
        throw new IllegalArgumentException("duplicate key " + key.getTextContent());
      }
    }
    return entries;
  }

  private static List<Element> childElements(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element) {
        elements.add((Element) node);
      }
    }
    return elements;
  }
}
