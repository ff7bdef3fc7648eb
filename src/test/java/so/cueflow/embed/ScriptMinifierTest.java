package so.cueflow.embed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptMinifierTest {
    @Test
    void commentsIndentationAndBlankLinesGoButLineBreaksStay() {
        String source = "/* header */\n(function () {\n  // a comment\n\n  var a = 1; // trailing\n  /** doc */\n  return a;\n})();\n";
        assertThat(ScriptMinifier.minify(source)).isEqualTo("(function(){\nvar a=1;\nreturn a;\n})();\n");
    }

    @Test
    void stringsAndRegexLiteralsAreCopiedUntouched() {
        String source = "var url = 'http://x.test/a  b // c';\nvar re = /^(https?:\\/\\/|\\/(?!\\/))[ /]*/i;\nvar s = \"it's /* not */ a comment\";\n";
        assertThat(ScriptMinifier.minify(source)).isEqualTo(
                "var url='http://x.test/a  b // c';\nvar re=/^(https?:\\/\\/|\\/(?!\\/))[ /]*/i;\nvar s=\"it's /* not */ a comment\";\n");
    }

    @Test
    void spacesThatKeepTokensApartStay() {
        assertThat(ScriptMinifier.minify("var x = a + +b - -c;\nif (typeof x === 'number') return x / 2 / y;\n"))
                .isEqualTo("var x=a+ +b- -c;\nif(typeof x==='number')return x/2/y;\n");
    }
}
