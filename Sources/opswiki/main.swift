import Foundation

exit(OpsWiki.run(Array(CommandLine.arguments.dropFirst())))
