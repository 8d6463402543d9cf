import CCHCCore

/// Something wrong with an input file: a stable code, where (file, line, column as far as known),
/// and what was found versus what was expected.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable_file"
        case unreadableEncoding = "unreadable_encoding"
        case malformedCSV = "malformed_csv"
        case emptyFile = "empty_file"
        case missingColumn = "missing_column"
        case nonNumericValue = "non_numeric_value"
        case ambiguousNumber = "ambiguous_number"
        case tooManyCells = "too_many_cells"
        case percentOutOfRange = "percent_out_of_range"
        case negativeValue = "negative_value"
        case booleanNotZeroOrOne = "boolean_not_0_or_1"
        case numeratorAboveDenominator = "numerator_above_denominator"
        case valueDisagreesWithRatio = "value_disagrees_with_ratio"
        case unknownIndicator = "unknown_indicator"
        case unknownUnit = "unknown_unit"
        case notACommune = "not_a_commune"
        case unitOfAnotherProvince = "unit_of_another_province"
        case severalUnits = "several_units"
        case invalidPeriod = "invalid_period"
        case periodNotOfFolder = "period_not_of_folder"
        case duplicateIndicator = "duplicate_indicator"
        case invalidReference = "invalid_reference"
        case tooManyErrors = "too_many_errors"
    }

    public var code: Code
    public var location: InputLocation?
    /// English, for the operator's terminal.
    public var message: String
    /// Vietnamese, for the commune clerk (rejections.csv, the HTML report); English when not given.
    public var messageVi: String

    public init(code: Code, location: InputLocation? = nil, message: String, messageVi: String? = nil) {
        self.code = code
        self.location = location
        self.message = message
        self.messageVi = messageVi ?? message
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}
