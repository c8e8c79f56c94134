import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "render" { exit(RenderCommand.run(Array(arguments.dropFirst()))) }
print("opswiki")
