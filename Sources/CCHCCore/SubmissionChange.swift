/// How a commune's submission in force differs from the one it replaced, for one indicator
/// (`v_submission_change`): leadership sees which numbers a resubmission changed.
public struct SubmissionChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case changed, added, removed
    }

    public var unitCode: String
    public var indicatorCode: String
    /// In the replaced submission; nil when it had no value.
    public var previousValue: Double?
    /// In force now; nil when the new submission has none.
    public var value: Double?
    public var kind: Kind
    /// The file in force and the file it replaced (paths inside the inbox).
    public var file: String
    public var replacedFile: String

    public init(unitCode: String, indicatorCode: String, previousValue: Double?, value: Double?, kind: Kind,
                file: String, replacedFile: String) {
        self.unitCode = unitCode
        self.indicatorCode = indicatorCode
        self.previousValue = previousValue
        self.value = value
        self.kind = kind
        self.file = file
        self.replacedFile = replacedFile
    }
}
