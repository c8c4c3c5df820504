public enum AllianceKitPlaceholder {}
