package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Go request handlers: which functions answer requests, in which style, and the statuses they can
 * answer.
 */
final class GoHandlers {
  private final GoFile file;

  GoHandlers(GoFile file) {
    this.file = file;
  }

  enum Style {
    NET_HTTP,
    GIN,
    ECHO,
    /**
     * A gRPC service method: {@code func (s *server) Get(ctx context.Context, req *pb.X) (*pb.Y,
     * error)}.
     */
    GRPC
  }

  /** A function that answers requests, the routes it serves, and its request parameter name. */
  static final class Handler {
    final Node fn;
    final Style style;
    final String context;
    final List<String> routes = new ArrayList<>();
    List<Integer> statuses;
    boolean implicitOk;
    boolean opaque;
    boolean unreadable;

    /** {@code style} is the one the registration implies, when the signature does not say. */
    Handler(Node fn, Style style, GoHandlers handlers) {
      this.fn = fn;
      Style declared = handlers.handlerStyle(fn);
      this.style = declared != null ? declared : style;
      this.context = handlers.contextParameter(fn, this.style);
    }

    String route() {
      return routes.isEmpty() ? null : routes.get(0);
    }
  }

  /**
   * The handler signature a function has: (w http.ResponseWriter, r *http.Request), *gin.Context...
   */
  Style handlerStyle(Node fn) {
    if (isGrpcMethod(fn)) {
      return Style.GRPC;
    }
    boolean writer = false;
    boolean request = false;
    for (Node param : parameters(fn)) {
      String type = qualifiedType(param.child("type"));
      if (type == null) {
        continue;
      }
      switch (type) {
        case "*" + GoFile.NET_HTTP + ".Request" -> request = true;
        case GoFile.NET_HTTP + ".ResponseWriter" -> writer = true;
        case "*" + GoFile.GIN + ".Context" -> {
          return Style.GIN;
        }
        default -> {
          if (type.startsWith(GoFile.ECHO) && type.endsWith(".Context") && !type.startsWith("*")) {
            return Style.ECHO;
          }
        }
      }
    }
    return writer && request ? Style.NET_HTTP : null;
  }

  String contextParameter(Node fn, Style style) {
    for (Node param : parameters(fn)) {
      String type = qualifiedType(param.child("type"));
      boolean match =
          type != null
              && switch (style) {
                case NET_HTTP -> type.equals(GoFile.NET_HTTP + ".ResponseWriter");
                case GIN -> type.equals("*" + GoFile.GIN + ".Context");
                case ECHO -> type.startsWith(GoFile.ECHO) && type.endsWith(".Context");
                case GRPC -> false; // a gRPC method answers by returning, not through a writer
              };
      if (match) {
        Node name = param.child("name");
        return name == null || name.text().equals("_") ? null : name.text();
      }
    }
    return null;
  }

  /**
   * Whether {@code fn} is a gRPC service method: an exported method taking a context.Context and a
   * request, returning a response and an error, in a file that imports gRPC (its codes or status
   * packages, as servers do to answer errors) or embeds a generated {@code Unimplemented...Server}.
   */
  boolean isGrpcMethod(Node fn) {
    Node name = fn.child("name");
    if (!fn.is("method_declaration")
        || name == null
        || name.text().isEmpty()
        || !Character.isUpperCase(name.text().charAt(0))
        || !servesGrpc()) {
      return false;
    }
    List<Node> params = parameters(fn);
    Node result = fn.child("result");
    if (params.size() != 2
        || !"context.Context".equals(qualifiedType(params.get(0).child("type")))
        || result == null
        || !result.is("parameter_list")) {
      return false;
    }
    List<Node> results = result.namedChildren();
    return results.size() == 2 && results.get(1).text().equals("error");
  }

  private Boolean grpcFile;

  private boolean servesGrpc() {
    if (grpcFile == null) {
      grpcFile =
          file.imports.values().stream().anyMatch(p -> p.startsWith("google.golang.org/grpc"))
              || file.root.text().contains("Unimplemented");
    }
    return grpcFile;
  }

  /** {@code pkgpath.Name}, with a leading '*' for a pointer, of a qualified type; else null. */
  String qualifiedType(Node type) {
    if (type == null) {
      return null;
    }
    String star = "";
    if (type.is("pointer_type")) {
      star = "*";
      type = type.namedChild(0);
      if (type == null) {
        return null;
      }
    }
    if (!type.is("qualified_type")) {
      return null;
    }
    String pkg = file.imports.get(textOf(type.child("package")));
    return pkg == null ? null : star + pkg + "." + textOf(type.child("name"));
  }

  static List<Node> parameters(Node fn) {
    List<Node> params = new ArrayList<>();
    Node list = fn.child("parameters");
    if (list != null) {
      for (Node p : list.namedChildren()) {
        if (p.is("parameter_declaration")) {
          params.add(p);
        }
      }
    }
    return params;
  }

  /** The nodes of a handler's body that run while the request waits (not goroutines it starts). */
  List<Node> requestPath(Handler handler) {
    List<Node> nodes = new ArrayList<>();
    Node body = handler.fn.child("body");
    if (body == null) {
      return nodes;
    }
    body.visit(
        n -> {
          if (n.is("go_statement") || n != handler.fn && file.handlers.containsKey(n)) {
            return false;
          }
          nodes.add(n);
          return true;
        });
    return nodes;
  }

  List<Integer> statuses(Handler handler) {
    if (handler.statuses != null) {
      return handler.statuses;
    }
    TreeSet<Integer> codes = new TreeSet<>();
    boolean opaque = false;
    boolean returnsNil = false;
    for (Node n : requestPath(handler)) {
      if (n.is("call_expression")) {
        for (Integer code : statusCodes(n, handler)) {
          if (code == null) {
            handler.unreadable = true;
          } else {
            codes.add(code);
          }
        }
        opaque |= passesContextToUnknown(n, handler);
      } else if (n.is("return_statement") && handler.style == Style.ECHO) {
        Integer code = echoReturnStatus(n, handler);
        if (code != null) {
          codes.add(code);
        }
        returnsNil |= returnsNil(n);
      }
    }
    boolean implicitOk;
    if (handler.style == Style.ECHO) {
      implicitOk = returnsNil; // an echo handler answers through what it returns
    } else {
      Node body = handler.fn.child("body");
      Flow flow =
          body == null
              ? new Flow(true, true, false)
              : flow(body.firstOfType("statement_list"), false, handler);
      implicitOk = flow.leaks() || flow.reachesEnd() && !flow.setAtEnd();
    }
    if (implicitOk && !opaque) {
      codes.add(200);
    }
    handler.implicitOk = implicitOk;
    handler.opaque = opaque;
    handler.statuses = List.copyOf(codes);
    return handler.statuses;
  }

  static boolean returnsNil(Node ret) {
    Node values = ret.namedChild(0);
    Node value =
        values == null ? null : values.is("expression_list") ? values.namedChild(0) : values;
    return value != null && value.is("nil");
  }

  /**
   * How control leaves a statement list: whether some path returns before a status is set ({@code
   * leaks}), whether the end is reached, and whether a status is set there on every path.
   */
  record Flow(boolean leaks, boolean reachesEnd, boolean setAtEnd) {}

  Flow flow(Node list, boolean set, Handler handler) {
    if (list == null) {
      return new Flow(false, true, set);
    }
    boolean leaks = false;
    for (Node statement : list.namedChildren()) {
      if (set) {
        return new Flow(leaks, true, true); // the first status written is the one sent
      }
      Node expr = statementCall(statement);
      if (expr != null && !statusCodes(expr, handler).isEmpty()) {
        set = true;
        if (statement.is("return_statement")) {
          return new Flow(leaks, false, true);
        }
        continue;
      }
      if (expr != null && file.env.isFatal(expr)) {
        return new Flow(leaks, false, set);
      }
      switch (statement.type()) {
        case "return_statement" -> {
          return new Flow(true, false, false);
        }
        case "if_statement", "block" -> {
          Flow inner =
              statement.is("block")
                  ? flow(statement.firstOfType("statement_list"), false, handler)
                  : flowOfIf(statement, handler);
          leaks |= inner.leaks();
          if (!inner.reachesEnd()) {
            return new Flow(leaks, false, false);
          }
          set = inner.setAtEnd();
        }
        default -> {
          // loops, switches, selects: a return inside may leave before any status is set
          if (!statement.descendants("return_statement").isEmpty()) {
            leaks = true;
          }
        }
      }
    }
    return new Flow(leaks, true, set);
  }

  Flow flowOfIf(Node ifStatement, Handler handler) {
    Node consequence = ifStatement.child("consequence");
    Node alternative = ifStatement.child("alternative");
    Flow first =
        flow(
            consequence == null ? null : consequence.firstOfType("statement_list"), false, handler);
    Flow second =
        alternative == null
            ? new Flow(false, true, false)
            : alternative.is("block")
                ? flow(alternative.firstOfType("statement_list"), false, handler)
                : flowOfIf(alternative, handler);
    boolean leaks = first.leaks() || second.leaks();
    if (!first.reachesEnd() && !second.reachesEnd()) {
      return new Flow(leaks, false, false);
    }
    return new Flow(
        leaks,
        true,
        (!first.reachesEnd() || first.setAtEnd()) && (!second.reachesEnd() || second.setAtEnd()));
  }

  /** The call a statement makes at its top: {@code f(..)}, {@code return f(..)}. */
  static Node statementCall(Node statement) {
    Node expr = null;
    if (statement.is("expression_statement")) {
      expr = statement.namedChild(0);
    } else if (statement.is("return_statement") && statement.namedChild(0) != null) {
      Node values = statement.namedChild(0);
      expr = values.is("expression_list") ? values.namedChild(0) : values;
    }
    return expr != null && expr.is("call_expression") ? expr : null;
  }

  /** The statuses a call sets on the response, when it is one that does. */
  List<Integer> statusCodes(Node call, Handler handler) {
    Node function = call.child("function");
    if (function == null || handler.context == null) {
      return List.of();
    }
    if (function.is("identifier")) {
      Node helperFn = file.functions.get(function.text());
      StatusHelper helper = helperFn == null ? null : statusHelper(helperFn);
      if (helper == null || handler.style != Style.NET_HTTP) {
        return List.of();
      }
      Node writerArg = argument(call, helper.writerIndex);
      if (writerArg == null || !writerArg.text().equals(handler.context)) {
        return List.of();
      }
      List<Integer> codes = new ArrayList<>(helper.fixed);
      for (int index : helper.statusParams) {
        codes.add(file.values.statusValue(argument(call, index)));
      }
      return codes;
    }
    if (!function.is("selector_expression")) {
      return List.of();
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String operandText = operand == null ? "" : operand.text();
    String pkg = file.imports.get(operandText);
    Integer code = null;
    boolean isStatus = false;
    switch (handler.style) {
      case NET_HTTP -> {
        if (operandText.equals(handler.context) && method.equals("WriteHeader")) {
          isStatus = true;
          code = file.values.statusValue(argument(call, 0));
        } else if (GoFile.NET_HTTP.equals(pkg) && firstArgIs(call, handler.context)) {
          switch (method) {
            case "Error" -> {
              isStatus = true;
              code = file.values.statusValue(argument(call, 2));
            }
            case "NotFound" -> {
              isStatus = true;
              code = 404;
            }
            case "Redirect" -> {
              isStatus = true;
              code = file.values.statusValue(argument(call, 3));
            }
            default -> {}
          }
        }
      }
      case GIN -> {
        if (operandText.equals(handler.context) && GoFile.GIN_STATUS.contains(method)) {
          isStatus = true;
          code = file.values.statusValue(argument(call, 0));
        }
      }
      case ECHO -> {
        if (operandText.equals(handler.context) && GoFile.ECHO_STATUS.contains(method)) {
          isStatus = true;
          code = file.values.statusValue(argument(call, 0));
        } else if (pkg != null && pkg.startsWith(GoFile.ECHO) && method.equals("NewHTTPError")) {
          isStatus = true;
          code = file.values.statusValue(argument(call, 0));
        }
      }
      default -> {}
    }
    if (!isStatus) {
      return List.of();
    }
    List<Integer> result = new ArrayList<>(1);
    result.add(code); // null: a status we cannot read
    return result;
  }

  boolean isStatusCall(Node call, Handler handler) {
    return !statusCodes(call, handler).isEmpty();
  }

  static boolean firstArgIs(Node call, String name) {
    Node first = argument(call, 0);
    return first != null && first.is("identifier") && first.text().equals(name);
  }

  /** Echo turns a returned error that is not an HTTPError into a 500. */
  Integer echoReturnStatus(Node ret, Handler handler) {
    Node values = ret.namedChild(0);
    Node value =
        values == null
            ? null
            : unparen(values.is("expression_list") ? values.namedChild(0) : values);
    if (value == null || value.is("nil")) {
      return null;
    }
    if (value.is("call_expression")) {
      Node function = value.child("function");
      if (function != null && function.is("selector_expression")) {
        String operand = textOf(function.child("operand"));
        String pkg = file.imports.get(operand);
        if (operand.equals(handler.context) || pkg != null && pkg.startsWith(GoFile.ECHO)) {
          return null; // c.JSON(...) or echo.NewHTTPError(...): counted as a status call
        }
      }
    }
    return 500;
  }

  /** Whether the handler hands its writer/context to a same-package function we cannot see. */
  boolean passesContextToUnknown(Node call, Handler handler) {
    Node function = call.child("function");
    if (handler.context == null
        || function == null
        || !function.is("identifier")
        || GoFile.BUILTINS.contains(function.text())
        || file.functions.containsKey(function.text())) {
      return false;
    }
    for (Node arg : arguments(call)) {
      if (arg.is("identifier") && arg.text().equals(handler.context)) {
        return true;
      }
    }
    return false;
  }

  /** A function that sets a response status from one of its parameters, or a fixed one. */
  record StatusHelper(int writerIndex, List<Integer> statusParams, List<Integer> fixed) {}

  StatusHelper statusHelper(Node fn) {
    if (file.statusHelpers.containsKey(fn)) {
      return file.statusHelpers.get(fn);
    }
    file.statusHelpers.put(fn, null);
    List<String> names = parameterNames(fn);
    String writer = contextParameter(fn, Style.NET_HTTP);
    StatusHelper helper = null;
    Node body = fn.child("body");
    if (writer != null && body != null && handlerStyle(fn) == null) {
      Handler probe = new Handler(fn, Style.NET_HTTP, this);
      List<Integer> params = new ArrayList<>();
      List<Integer> fixed = new ArrayList<>();
      for (Node call : body.descendants("call_expression")) {
        Node function = call.child("function");
        Node codeArg = null;
        if (function != null
            && function.is("selector_expression")
            && textOf(function.child("operand")).equals(writer)
            && textOf(function.child("field")).equals("WriteHeader")) {
          codeArg = argument(call, 0);
        } else if (file.isPackageCall(call, GoFile.NET_HTTP, "Error") && firstArgIs(call, writer)) {
          codeArg = argument(call, 2);
        }
        if (codeArg == null) {
          continue;
        }
        if (codeArg.is("identifier") && names.contains(codeArg.text())) {
          params.add(names.indexOf(codeArg.text()));
        } else {
          for (Integer code : statusCodes(call, probe)) {
            if (code != null) {
              fixed.add(code);
            }
          }
        }
      }
      if (!params.isEmpty() || !fixed.isEmpty()) {
        helper = new StatusHelper(names.indexOf(writer), params, fixed);
      }
    }
    file.statusHelpers.put(fn, helper);
    return helper;
  }

  static List<String> parameterNames(Node fn) {
    List<String> names = new ArrayList<>();
    for (Node param : parameters(fn)) {
      boolean any = false;
      for (Node c : param.children()) {
        if ("name".equals(c.field())) {
          names.add(c.text());
          any = true;
        }
      }
      if (!any) {
        names.add("_");
      }
    }
    return names;
  }
}
