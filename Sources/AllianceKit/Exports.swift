// AllianceKit is the front door of the library: the run pipeline lives here, and the layers
// below it are re-exported so that a program (the `alliance` command, a web front end, a
// benchmark) needs `import AllianceKit` only. See docs/ARCHITECTURE.md for the layers.
@_exported import AllianceInput
@_exported import AllianceModel
@_exported import AllianceReport
@_exported import AllianceSolve
