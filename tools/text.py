#!/usr/bin/env python3
"""Adds or replaces translations in a .zh-CN.resx file (created if missing), keyed by the English text.

    python3 tools/text.py services/approvals/Resources/Messages.zh-CN.resx "Not found" "未找到" ["english" "中文" ...]

Keys are the English texts the code raises (LocalText); see docs/decisions.md, "Chinese first".
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""


def main(args):
    if len(args) < 3 or len(args) % 2 != 1:
        sys.exit(__doc__)
    path = Path(args[0])
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER, encoding="utf-8")
    tree = ET.parse(path)
    root = tree.getroot()
    entries = {d.get("name"): d for d in root.findall("data")}
    for english, chinese in zip(args[1::2], args[2::2]):
        data = entries.get(english)
        if data is None:
            data = ET.SubElement(root, "data", {"name": english, "xml:space": "preserve"})
            ET.SubElement(data, "value")
            entries[english] = data
        data.find("value").text = chinese
    # one entry per line, sorted, so concurrent additions merge cleanly
    datas = sorted(root.findall("data"), key=lambda d: d.get("name"))
    for d in root.findall("data"):
        root.remove(d)
    for d in datas:
        root.append(d)
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
