/* The bare libyaml parse `make bench-instructions` counts beside the lint: each file read whole,
   every event pulled and freed, nothing kept. Prints the number of events. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 2; }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc(n > 0 ? n : 1);
        if (fread(buf, 1, n, f) != (size_t)n) { perror(argv[i]); return 2; }
        fclose(f);
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, buf, n);
        yaml_event_t event;
        while (yaml_parser_parse(&parser, &event)) {
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
        free(buf);
    }
    printf("%ld\n", events);
    return 0;
}
