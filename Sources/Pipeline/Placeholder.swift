import CCHCCore
