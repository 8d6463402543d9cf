extension String {
    /// The text with its control characters (C0 but tab, DEL, C1) written out as `\u{1B}`: input quoted
    /// in a message can never drive the terminal that prints it (`ESC ]0;…` retitles the window,
    /// `ESC [2J` clears it) nor break the message across lines (issue 8). `keepingNewlines` leaves
    /// line feeds alone, for text that is made of lines.
    public func withVisibleControls(keepingNewlines: Bool = false) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            ((scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)) && !(keepingNewlines && scalar == "\n")
        }
        guard unicodeScalars.contains(where: isControl) else { return self }
        var visible = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if isControl(scalar) {
                visible.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                visible.append(scalar)
            }
        }
        return String(visible)
    }
}
